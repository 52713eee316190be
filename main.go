// Command tiscdesk is TISC Desk: with no command it opens the desktop
// program; otherwise it runs one of the headless commands (tiscdesk help).
package main

import (
	"os"

	"tiscdesk/ui"
	"tiscdesk/ui/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.System{Stdout: os.Stdout, Stderr: os.Stderr, Window: ui.Run, Bundle: ui.RunWithBundle}))
}
