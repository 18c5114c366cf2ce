package pgserver

import "syscall"

// postgresAttr puts postgres in its own process group, so that a Ctrl-C in the terminal
// reaches only us and we stop the cluster in order, and asks the kernel to send it SIGQUIT
// (immediate shutdown) if we die without stopping it, even by kill -9.
func postgresAttr(acct account) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGQUIT, Credential: acct.credential()}
}
