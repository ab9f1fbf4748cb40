// Package udev turns a classified device into the KEY=VALUE properties that
// udev's IMPORT{program} reads, and holds the rules that use them
// (70-usbaudio.rules) beside the code that feeds them.
//
// Everything a device reports about itself (strings, serials) is attacker
// controlled: a product string may hold newlines, '=', quotes, $(...) or
// invalid UTF-8. Values are therefore encoded the way udev's own builtins
// encode ID_MODEL and ID_MODEL_ENC, so no device string can start a new
// line, end a value early, or name a variable.
package udev
