// Command usbaudio tells what a USB audio device is: headset, headphones,
// microphone, speakerphone, with the evidence from its descriptors.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit codes; the README's "Exit codes" section documents the same table.
const (
	exitOK        = 0 // ok, or check passed
	exitFailed    = 1 // check failed
	exitUsage     = 2 // usage error
	exitNoDevice  = 3 // no matching device
	exitDenied    = 4 // permission denied
	exitMalformed = 5 // input malformed beyond recovery
)

// exitError carries an exit code out of a subcommand.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// exitf returns an error that makes main exit with code.
func exitf(code int, format string, args ...any) error {
	return &exitError{code: code, err: fmt.Errorf(format, args...)}
}

// command is one subcommand. Each lives in its own file and registers itself
// from init, so adding a command touches no other file.
type command struct {
	name    string
	summary string
	// run gets the arguments after the command name and the streams.
	run func(args []string, stdout, stderr io.Writer) error
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("usbaudio: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// defaultCommand runs when no command is named.
const defaultCommand = "scan"

func usage(w io.Writer) {
	fmt.Fprintf(w, "usage: usbaudio [COMMAND] [FLAGS]\n\nCommands:\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, "\nWith no command, usbaudio runs %q. Run 'usbaudio COMMAND --help' for a command's flags and examples.\n", defaultCommand)
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without os.Exit, so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	name := defaultCommand
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	} else if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		usage(stdout)
		return exitOK
	}
	if name == "help" {
		usage(stdout)
		return exitOK
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "usbaudio: unknown command %q\n\n", name)
		usage(stderr)
		return exitUsage
	}
	err := c.run(args, stdout, stderr)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil && ee.err.Error() != "" {
			fmt.Fprintf(stderr, "usbaudio %s: %v\n", name, ee.err)
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "usbaudio %s: %v\n", name, err)
	return exitFailed
}
