package pgserver

// SetLibRoot points FindBinDir's last resort at root until the returned func is called.
func SetLibRoot(root string) (restore func()) {
	old := libRoot
	libRoot = root
	return func() { libRoot = old }
}

// SocketDir exposes socketDir to the black-box tests.
var SocketDir = socketDir
