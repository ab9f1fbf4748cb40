package usbdesc

import "fmt"

// AudioStreaming class-specific descriptors (bDescriptorType 0x24 in an
// AudioStreaming interface, 0x25 after its isochronous endpoint).

// ASGeneral is the class-specific AS interface descriptor (UAC1 4.5.2,
// UAC2 4.9.2, UAC3 4.7.2).
type ASGeneral struct {
	Header
	Subtype       uint8          `json:"subtype" usb:"bDescriptorSubtype"`
	TerminalLink  uint8          `json:"terminal_link" usb:"bTerminalLink"`
	Delay         uint8          `json:"delay,omitempty" usb:"bDelay"`                          // UAC1
	FormatTag     uint16         `json:"format_tag,omitempty" usb:"wFormatTag"`                 // UAC1
	Controls      uint32         `json:"controls" usb:"bmControls"`                             // UAC2 8 bit, UAC3 32 bit
	FormatType    uint8          `json:"format_type,omitempty" usb:"bFormatType"`               // UAC2
	Formats       uint64         `json:"formats,omitempty" usb:"bmFormats"`                     // UAC2 32 bit, UAC3 64 bit
	Cluster       ChannelCluster `json:"cluster"`                                               // UAC2
	ClusterID     uint16         `json:"cluster_descriptor_id,omitempty" usb:"wClusterDescrID"` // UAC3
	SubslotSize   uint8          `json:"subslot_size,omitempty" usb:"bSubslotSize"`             // UAC3
	BitResolution uint8          `json:"bit_resolution,omitempty" usb:"bBitResolution"`         // UAC3
	AuxProtocols  uint16         `json:"aux_protocols,omitempty" usb:"bmAuxProtocols"`          // UAC3
	ControlSize   uint8          `json:"control_size,omitempty" usb:"bControlSize"`             // UAC3
	// FormatNames decodes FormatTag (UAC1) or Formats (UAC2/3), e.g. ["PCM"].
	FormatNames []string `json:"format_names,omitempty"`
}

// FormatType is a format type descriptor (UAC1 Formats 2.x, UAC2 Formats
// 2.3.x), subtype FORMAT_TYPE.
type FormatType struct {
	Header
	Subtype         uint8  `json:"subtype" usb:"bDescriptorSubtype"`
	Type            uint8  `json:"format_type" usb:"bFormatType"`               // 1 = I, 2 = II, 3 = III, 4 = IV
	Channels        uint8  `json:"channels,omitempty" usb:"bNrChannels"`        // UAC1 type I/III
	SubframeSize    uint8  `json:"subframe_size,omitempty" usb:"bSubframeSize"` // bytes per sample slot (UAC1 type I/III, UAC2 bSubslotSize)
	BitResolution   uint8  `json:"bit_resolution,omitempty" usb:"bBitResolution"`
	MaxBitRate      uint16 `json:"max_bit_rate,omitempty" usb:"wMaxBitRate"`           // type II
	SamplesPerFrame uint16 `json:"samples_per_frame,omitempty" usb:"wSamplesPerFrame"` // type II
	SamFreqType     uint8  `json:"sam_freq_type,omitempty" usb:"bSamFreqType"`         // UAC1: 0 = continuous, n = n discrete
	// SampleRates are the discrete rates (tSamFreq[n]) in Hz; RateRange
	// the continuous range, when SamFreqType is 0. UAC2 puts rates in the
	// clock source's RANGE reply instead, which a descriptor cannot show.
	SampleRates []uint32   `json:"sample_rates,omitempty" usb:"tSamFreq"`
	RateRange   *RateRange `json:"rate_range,omitempty"`
}

// RateRange is a continuous sample-rate range in Hz.
type RateRange struct {
	Min uint32 `json:"min"`
	Max uint32 `json:"max"`
}

func (r RateRange) String() string { return fmt.Sprintf("%d–%d Hz", r.Min, r.Max) }

// FormatTypeName is "I", "II", "III", "IV".
func (f *FormatType) FormatTypeName() string {
	names := [...]string{"undefined", "I", "II", "III", "IV"}
	if int(f.Type) < len(names) {
		return names[f.Type]
	}
	return fmt.Sprintf("0x%02x", f.Type)
}

// ASEndpoint is the class-specific AS isochronous audio data endpoint
// descriptor (UAC1 4.6.1.2, UAC2 4.10.1.2, UAC3 4.8.1.2).
type ASEndpoint struct {
	Header
	Subtype        uint8  `json:"subtype" usb:"bDescriptorSubtype"`
	Attributes     uint8  `json:"attributes" usb:"bmAttributes"`
	Controls       uint32 `json:"controls" usb:"bmControls"` // UAC2 8 bit, UAC3 32 bit
	LockDelayUnits uint8  `json:"lock_delay_units" usb:"bLockDelayUnits"`
	LockDelay      uint16 `json:"lock_delay" usb:"wLockDelay"`
}
