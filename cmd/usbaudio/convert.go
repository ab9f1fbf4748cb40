package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

func init() {
	register(&command{name: "convert", summary: "write descriptor bytes from binary, hex or lsusb -v text as bin or hex", run: runConvert})
}

const convertExamples = `  lsusb -v -d 046d:0a38 | usbaudio convert --to bin -o h340.bin -
  usbaudio convert --to hex descriptors                # sysfs descriptors file as hex text
  usbaudio convert --to bin --index 2 many-devices.txt # the second device of an lsusb paste
`

// runConvert writes the descriptor bytes (device descriptor then every
// configuration, the layout of a sysfs descriptors file) of one input
// device. Hex output may hold several devices, each after a "# origin"
// comment line; binary output must be one device.
func runConvert(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("convert", "convert --to bin|hex [-o FILE] [--index N] [FILE|-]", convertExamples, stderr)
	to := fs.String("to", "", "output format: bin or hex (required)")
	outPath := fs.StringP("output", "o", "", "write to FILE instead of standard output")
	index := fs.Int("index", 0, "convert only the Nth device (1-based) of a multi-device input")
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	if *to != "bin" && *to != "hex" {
		return exitf(exitUsage, "--to must be bin or hex")
	}
	if fs.NArg() > 1 {
		return exitf(exitUsage, "convert takes one input (FILE or -)")
	}
	inputs, err := readInputFiles(fs.Args())
	if err != nil {
		if _, ok := err.(*inputMalformedError); ok {
			return exitf(exitMalformed, "%v", err)
		}
		return exitf(exitUsage, "%v", err)
	}
	if *index < 0 || *index > len(inputs) {
		return exitf(exitUsage, "--index %d: the input holds %d device(s)", *index, len(inputs))
	}
	if *index > 0 {
		inputs = inputs[*index-1 : *index]
	}
	if *to == "bin" && len(inputs) > 1 {
		return exitf(exitUsage, "the input holds %d devices; choose one with --index N for binary output", len(inputs))
	}
	var buf bytes.Buffer
	for i, in := range inputs {
		for _, g := range in.gaps {
			fmt.Fprintf(stderr, "usbaudio convert: %s: input text lacks: %s\n", in.origin, g)
		}
		if *to == "bin" {
			buf.Write(in.descriptors)
			continue
		}
		if len(inputs) > 1 {
			if i > 0 {
				buf.WriteByte('\n')
			}
			fmt.Fprintf(&buf, "# %s\n", in.origin)
		}
		if err := formatHex(&buf, in.descriptors); err != nil {
			return err
		}
	}
	if *outPath == "" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(*outPath, buf.Bytes(), 0o644); err != nil {
		return exitf(exitUsage, "%v", err)
	}
	return nil
}
