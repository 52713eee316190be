// Command hosttool lets the Windows test binaries that .ci/windows-tests
// runs under Wine use the PDF tools of this Linux machine (qpdf, pdffonts,
// pdfimages, pdftotext), which the reports tests check every PDF with. It is a test
// helper, never shipped.
//
// Under Wine a Windows program can start a Linux one, but gets no handle
// to wait on (Go's exec fails with "WaitForSingleObject: Invalid
// handle"), and the Linux tool could not read the Windows paths it is
// given. So the same program is built twice: for Linux it serves on a
// loopback port (hosttool serve ADDRFILE PREFIX); for Windows it is copied
// as qpdf.exe, pdffonts.exe and pdftotext.exe into a folder on the Wine
// PATH, and sends its name, arguments and working folder to that port
// ($TISCDESK_HOST_TOOLS), prints what the Linux tool printed and exits
// with its status. Paths such as C:\users\...\x.pdf are turned into the
// Linux paths of the Wine prefix.
package main

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"
)

// tools are the programs the bridge runs: the reports tests' PDF checks.
var tools = map[string]bool{"qpdf": true, "pdffonts": true, "pdftotext": true, "pdfimages": true}

type request struct {
	Tool string
	Args []string
	Dir  string
}

type response struct {
	Stdout, Stderr []byte
	Code           int
}

func main() {
	if runtime.GOOS == "windows" {
		os.Exit(forward())
	}
	if len(os.Args) != 4 || os.Args[1] != "serve" {
		fmt.Fprintln(os.Stderr, "usage: hosttool serve ADDRFILE WINEPREFIX")
		os.Exit(2)
	}
	if err := serve(os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "hosttool:", err)
		os.Exit(1)
	}
}

// forward runs, on Windows, the tool it is named after on the Linux side.
func forward() int {
	tool := strings.TrimSuffix(strings.ToLower(filepath.Base(os.Args[0])), ".exe")
	dir, _ := os.Getwd()
	conn, err := net.DialTimeout("tcp", os.Getenv("TISCDESK_HOST_TOOLS"), 10*time.Second)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: the Linux side of .ci/windows/hosttool.go does not answer at %q: %v\n", tool, os.Getenv("TISCDESK_HOST_TOOLS"), err)
		return 127
	}
	defer conn.Close()
	if err := json.NewEncoder(conn).Encode(request{Tool: tool, Args: os.Args[1:], Dir: dir}); err != nil {
		fmt.Fprintln(os.Stderr, tool+":", err)
		return 127
	}
	var r response
	if err := json.NewDecoder(conn).Decode(&r); err != nil {
		fmt.Fprintln(os.Stderr, tool+":", err)
		return 127
	}
	os.Stdout.Write(r.Stdout)
	os.Stderr.Write(r.Stderr)
	return r.Code
}

// serve answers requests on a loopback port, written to addrFile, until it
// is killed.
func serve(addrFile, prefix string) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	if err := os.WriteFile(addrFile, []byte(ln.Addr().String()), 0o600); err != nil {
		return err
	}
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go func() {
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(2 * time.Minute))
			var req request
			if err := json.NewDecoder(conn).Decode(&req); err != nil {
				return
			}
			json.NewEncoder(conn).Encode(run(req, prefix))
		}()
	}
}

// run runs one request's tool with its Windows paths made Linux ones.
func run(req request, prefix string) response {
	if !tools[req.Tool] {
		return response{Stderr: []byte(fmt.Sprintf("hosttool: %q is not one of the tools it runs\n", req.Tool)), Code: 127}
	}
	args := make([]string, len(req.Args))
	for i, a := range req.Args {
		args[i] = linuxPath(a, prefix)
	}
	cmd := exec.Command(req.Tool, args...)
	cmd.Dir = linuxPath(req.Dir, prefix)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := response{Stdout: []byte(out.String()), Stderr: []byte(errOut.String())}
	if err != nil {
		r.Code = 1
		if ee, ok := err.(*exec.ExitError); ok {
			r.Code = ee.ExitCode()
		} else {
			r.Stderr = append(r.Stderr, []byte(err.Error()+"\n")...)
		}
	}
	return r
}

var drivePath = regexp.MustCompile(`^([A-Za-z]):\\`)

// linuxPath turns a Windows path (C:\users\x.pdf) into the Linux path of
// the same file through the prefix's drive links (dosdevices/c:), and
// leaves any other argument as it is.
func linuxPath(arg, prefix string) string {
	m := drivePath.FindStringSubmatch(arg)
	if m == nil {
		return arg
	}
	rest := strings.ReplaceAll(arg[len(m[0]):], `\`, "/")
	return filepath.Join(prefix, "dosdevices", strings.ToLower(m[1])+":", rest)
}
