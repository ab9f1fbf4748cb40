// Package model joins everything known about one physical USB device — its
// identity and strings, the parsed descriptors, the audio functions with
// their signal paths and classification, the HID interfaces with their
// buttons and LEDs, a device-level verdict, and live facts a source may add
// (port, drivers, ALSA card, the kernel's mixer ranges) — into one value
// that renderers print and that marshals to JSON as schema "usbaudio/v1".
//
// The package does no I/O: sources (sysfs, libusb, hidapi, files) gather the
// bytes and facts, and model only joins them.
package model
