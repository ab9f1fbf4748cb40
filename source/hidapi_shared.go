//go:build cgo && !darwin

package source

// setHIDShared has nothing to do: only macOS's hidapi opens exclusively.
func setHIDShared() {}
