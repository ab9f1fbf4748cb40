// Package model joins everything known about one physical USB device — its
// identity and strings, the parsed descriptors, the audio functions with
// their signal paths and classification, the HID interfaces with their
// buttons and LEDs, a device-level verdict, and live facts a source may add
// (port, drivers, ALSA card, the kernel's mixer ranges) — into one value
// that renderers print and that marshals to JSON as schema "usbaudio/v1":
//
//	{
//	  "schema": "usbaudio/v1",
//	  "identity": {"vendor_id": "046d", "product_id": "0a38", "usb_version": "2.00", "serial": "****3344", ...},
//	  "verdict": {"form_factor": "headset", "score": 90, "evidence": [{"points": 60, "reason": "...", "for": "headset"}], ...},
//	  "audio_functions": [{"uac_version": "UAC1", "control_interface": 0,
//	      "playback": [{"from": {...}, "to": {"type": "0x0402", "type_name": "Headset"}, "channels": 2,
//	                    "formats": [{"bit_depth": 16, "sample_rates": [48000], ...}],
//	                    "controls": [{"unit": 2, "control": "volume", "channel": 1, "access": "read-write"}]}],
//	      "capture": [...], "monitor": [...], "clocks": [...], "classification": {...}}],
//	  "hid_interfaces": [{"interface": 3, "summary": {"controls": ["volume-up", "hook-switch", ...]}, "controls": [...]}],
//	  "live": {...},            // only from a live source
//	  "warnings": ["offset 95 (0x005f): ..."],
//	  "descriptors": {...},     // the full parse (usbdesc.Blob), every descriptor with its offset
//	  "strings": {"1": "Logitech Inc.", ...}
//	}
//
// Build (or FromDescriptors) parses and joins; sources then call AttachLive.
// The package does no I/O: sources (sysfs, libusb, hidapi, files) gather
// the bytes and facts, and model only joins them. Serial numbers are masked
// unless Input.RevealSerial is set.
package model
