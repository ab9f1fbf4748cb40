module github.com/usbaudio/usbaudio

go 1.26.8

require (
	github.com/google/gousb v1.1.3 // indirect
	github.com/spf13/pflag v1.1.0 // indirect
	github.com/sstallion/go-hid v0.15.0 // indirect
	golang.org/x/sys v0.8.0 // indirect
)
