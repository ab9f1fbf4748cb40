// Package render prints a model.Device for people (Text), machines (JSON)
// and Graphviz (DOT). The descriptor dump is derived by reflection from the
// `usb:"bName"` tags on the usbdesc types, so a descriptor type added there
// is dumped without a change here.
package render
