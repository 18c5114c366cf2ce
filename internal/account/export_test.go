package account

// CommonPasswordList exposes the embedded list to the black-box tests.
func CommonPasswordList() string { return commonPasswordList }
