// Package usbdesc parses raw USB descriptors — a Linux sysfs `descriptors`
// file (device descriptor followed by every configuration) or one
// configuration (wTotalLength bytes) — into a typed model: standard
// descriptors, USB Audio Class 1/2/3 class-specific descriptors, UAC3 BADD
// layouts, the audio topology and a classification of each audio function.
//
// It is pure: bytes in, model out; no I/O, no cgo. Nothing in the input is
// trusted: every read is bounds-checked, no allocation is sized by a length
// the input claims, and a problem is reported with its byte offset while
// everything parsed before it is kept.
package usbdesc
