package usbdesc

// analyzeFunction runs after a function's descriptors are parsed: it infers
// a BADD layout when there is one, builds the topology (Paths) and
// classifies the function, in that order, each step using the last one's
// result.
// st is the storage its paths are cut from (nil: their own).
func analyzeFunction(f *AudioFunction, st *analysisStore) { f.analyze(st) }

// Analyze derives everything the descriptors imply: for a UAC3 BADD
// function without class-specific AC descriptors the implied entities and
// stream formats (badd.go), then the signal paths (topology.go), then the
// classification without outside hints (classify.go). Problems are appended
// to f.Warnings. The parser calls it for every function; call it yourself
// for an AudioFunction you built, once its Entities and Streams are set.
// Call Reclassify afterwards to add HID evidence.
func (f *AudioFunction) Analyze() { f.analyze(nil) }

func (f *AudioFunction) analyze(st *analysisStore) {
	f.Warnings = append(f.Warnings, inferBADD(f)...)
	paths, warns := buildTopology(f, st)
	f.Paths = paths
	f.Warnings = append(f.Warnings, warns...)
	f.Classification = classify(f, ClassifyHints{}, st)
}
