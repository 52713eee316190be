//go:build unix

package reports

import (
	"syscall"
	"time"
)

// cpuTime is the processor time this process has used, user and system: a
// benchmark's cost that does not depend on how busy the machine is.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
