package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"
)

// newFlagSet makes a GNU-style flag set whose --help prints the command's
// usage line, its flags and examples, and whose parse errors exit with 2.
func newFlagSet(name, usageLine, examples string, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: usbaudio %s\n\nFlags:\n%s", usageLine, fs.FlagUsages())
		if examples != "" {
			fmt.Fprintf(fs.Output(), "\nExamples:\n%s", examples)
		}
	}
	return fs
}

// parseFlags parses args; --help is a success (exit 0) and other errors are
// usage errors (exit 2).
func parseFlags(fs *pflag.FlagSet, args []string, stdout io.Writer) (helped bool, err error) {
	// Asked-for help is the command's output (stdout, exit 0); usage after
	// a mistake stays on stderr.
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "--help" {
			fs.SetOutput(stdout)
			break
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return true, nil
		}
		return false, &exitError{code: exitUsage, err: err}
	}
	return false, nil
}
