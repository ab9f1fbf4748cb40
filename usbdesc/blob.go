package usbdesc

// Blob is everything parsed from one input: a sysfs `descriptors` file
// (device descriptor then every configuration) or a single configuration.
type Blob struct {
	// Device is nil when the input was a bare configuration.
	Device         *Device          `json:"device,omitempty"`
	Configurations []*Configuration `json:"configurations"`
	// Unparsed keeps the bytes that belong to no configuration, raw with
	// their offsets: trailing garbage after the last configuration, or a
	// device/configuration descriptor cut short. Nothing is dropped.
	Unparsed []*Unknown `json:"unparsed,omitempty"`
	// Warnings are recoverable problems, each with its byte offset.
	Warnings []Warning `json:"warnings,omitempty"`
	// Size is the number of input bytes.
	Size int `json:"size"`

	data []byte // the input, which the model aliases
	// store holds the device descriptor and the first configuration,
	// which nearly every blob has exactly one of, in the Blob's own
	// allocation.
	store struct {
		device     Device
		config     Configuration
		configUsed bool
		configs    [1]*Configuration
	}
}

// Bytes is the input bytes of the descriptor with header h (bLength of
// them, or fewer when the input was cut short), aliasing the input; nil
// for a descriptor the parser built itself (a BADD function's implied
// units) or a header from another blob.
func (b *Blob) Bytes(h *Header) []byte {
	n := int(h.Size)
	if n == 0 || h.Offset < 0 || h.Offset > len(b.data)-n {
		return nil
	}
	return b.data[h.Offset : h.Offset+n : h.Offset+n]
}

// AudioFunctions lists the audio functions of every configuration.
func (b *Blob) AudioFunctions() []*AudioFunction {
	var out []*AudioFunction
	for _, c := range b.Configurations {
		out = append(out, c.AudioFunctions...)
	}
	return out
}
