package usbdesc

// analyzeFunction runs after a function's descriptors are parsed: it infers
// a BADD layout when there is one, builds the topology (Paths) and classifies
// the function. (Placeholder until topology.go and classify.go land.)
func analyzeFunction(f *AudioFunction) {}
