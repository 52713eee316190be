package hub

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"tiscdesk/data/datatest"
	"tiscdesk/data/exchange/hub/pgtest"
)

// authority is a certificate authority made for a test.
type authority struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pem  []byte
}

func newAuthority(t *testing.T, name string) authority {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return authority{cert: cert, key: key, pem: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}
}

// issue makes a server certificate for the DNS names given, and its key,
// as PEM.
func (a authority) issue(t *testing.T, names ...string) (certPEM, keyPEM []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: names[0]}, DNSNames: names,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, a.cert, &key.PublicKey, a.key)
	if err != nil {
		t.Fatal(err)
	}
	k, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: k})
}

// A hub reached over TLS with verify-full syncs when the URL names the
// host of its certificate and trusts the authority that issued it, and is
// refused with a clear error, changing nothing here, when the URL names
// another host or trusts another authority.
func TestTLSVerifyFull(t *testing.T) {
	srv := pgtest.Need(t)
	ca := newAuthority(t, "TISC Desk test authority")
	cert, key := ca.issue(t, "localhost")
	if err := srv.EnableTLS(cert, key); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	caFile, otherFile := filepath.Join(dir, "hub-ca.crt"), filepath.Join(dir, "other-ca.crt")
	if err := os.WriteFile(caFile, ca.pem, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(otherFile, newAuthority(t, "another authority").pem, 0o644); err != nil {
		t.Fatal(err)
	}
	plain := srv.NewDB(t) // postgres://postgres:...@127.0.0.1:PORT/DB?sslmode=disable
	at := func(host, rootCert string) string {
		u := strings.Replace(plain, "@127.0.0.1:", "@"+host+":", 1)
		u = strings.Replace(u, "sslmode=disable", "sslmode=verify-full", 1)
		return u + "&sslrootcert=" + filepath.ToSlash(rootCert)
	}
	right := at("localhost", caFile)
	ctx := context.Background()
	if _, err := Setup(ctx, right); err != nil {
		t.Fatalf("hub setup with verify-full and the right authority: %v", err)
	}
	s := datatest.OpenNamed(t, "a")
	seed(t, s, 2)
	before := records(t, s)
	for _, bad := range []struct{ name, url string }{
		{"a host name the certificate does not name", at("127.0.0.1", caFile)},
		{"another authority", at("localhost", otherFile)},
	} {
		start := time.Now()
		_, err := Sync(ctx, s, bad.url)
		if !errors.Is(err, ErrCertificate) {
			t.Errorf("sync with %s: %v, want ErrCertificate", bad.name, err)
		}
		if d := time.Since(start); d > ConnectTimeout {
			t.Errorf("sync with %s took %v", bad.name, d)
		}
	}
	datatest.SameSnapshots(t, "after the refused syncs", before, records(t, s))
	rep := syncOK(t, s, right)
	if rep.Push.Sent == 0 {
		t.Error("the sync over TLS sent nothing")
	}
	// The server did speak TLS to that sync.
	var ssl bool
	if err := hubConn(t, right).QueryRow(ctx, `SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`).Scan(&ssl); err != nil || !ssl {
		t.Errorf("the connection with the right URL is not TLS (%v, %v)", ssl, err)
	}
}
