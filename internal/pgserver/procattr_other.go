//go:build unix && !linux

package pgserver

import "syscall"

// postgresAttr puts postgres in its own process group, so that a Ctrl-C in the terminal
// reaches only us and we stop the cluster in order. Without Linux's parent-death signal an
// orphan left by a crash is stopped by the next Start instead.
func postgresAttr(acct account) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Credential: acct.credential()}
}
