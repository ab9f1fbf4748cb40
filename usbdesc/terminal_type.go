package usbdesc

// TerminalType is wTerminalType (USB Audio Terminal Types 1.0 / 2.0).
type TerminalType uint16

// Terminal types the classifier keys on; terminalTypeNames has them all.
const (
	TermUSBUndefined       TerminalType = 0x0100
	TermUSBStreaming       TerminalType = 0x0101
	TermUSBVendor          TerminalType = 0x01ff
	TermInputUndefined     TerminalType = 0x0200
	TermMicrophone         TerminalType = 0x0201
	TermDesktopMic         TerminalType = 0x0202
	TermPersonalMic        TerminalType = 0x0203
	TermOmniMic            TerminalType = 0x0204
	TermMicArray           TerminalType = 0x0205
	TermProcessingMicArray TerminalType = 0x0206
	TermOutputUndefined    TerminalType = 0x0300
	TermSpeaker            TerminalType = 0x0301
	TermHeadphones         TerminalType = 0x0302
	TermHMDAudio           TerminalType = 0x0303
	TermDesktopSpeaker     TerminalType = 0x0304
	TermRoomSpeaker        TerminalType = 0x0305
	TermCommSpeaker        TerminalType = 0x0306
	TermLFESpeaker         TerminalType = 0x0307
	TermBidiUndefined      TerminalType = 0x0400
	TermHandset            TerminalType = 0x0401
	TermHeadset            TerminalType = 0x0402
	TermSpeakerphone       TerminalType = 0x0403
	TermEchoSuppressingSP  TerminalType = 0x0404
	TermEchoCancelingSP    TerminalType = 0x0405
	TermTelephonyUndefined TerminalType = 0x0500
	TermPhoneLine          TerminalType = 0x0501
	TermTelephone          TerminalType = 0x0502
	TermDownLinePhone      TerminalType = 0x0503
	TermExternalUndefined  TerminalType = 0x0600
	TermAnalogConnector    TerminalType = 0x0601
	TermDigitalInterface   TerminalType = 0x0602
	TermLineConnector      TerminalType = 0x0603
	TermLegacyConnector    TerminalType = 0x0604
	TermSPDIF              TerminalType = 0x0605
	Term1394DA             TerminalType = 0x0606
	Term1394DV             TerminalType = 0x0607
)

var terminalTypeNames = map[TerminalType]string{
	0x0100: "USB Undefined", 0x0101: "USB Streaming", 0x01ff: "USB Vendor Specific",
	0x0200: "Input Undefined", 0x0201: "Microphone", 0x0202: "Desktop Microphone",
	0x0203: "Personal Microphone", 0x0204: "Omni-directional Microphone", 0x0205: "Microphone Array",
	0x0206: "Processing Microphone Array",
	0x0300: "Output Undefined", 0x0301: "Speaker", 0x0302: "Headphones", 0x0303: "Head Mounted Display Audio",
	0x0304: "Desktop Speaker", 0x0305: "Room Speaker", 0x0306: "Communication Speaker", 0x0307: "Low Frequency Effects Speaker",
	0x0400: "Bidirectional Undefined", 0x0401: "Handset", 0x0402: "Headset",
	0x0403: "Speakerphone, no echo reduction", 0x0404: "Echo-suppressing speakerphone", 0x0405: "Echo-canceling speakerphone",
	0x0500: "Telephony Undefined", 0x0501: "Phone line", 0x0502: "Telephone", 0x0503: "Down Line Phone",
	0x0600: "External Undefined", 0x0601: "Analog connector", 0x0602: "Digital audio interface",
	0x0603: "Line connector", 0x0604: "Legacy audio connector", 0x0605: "S/PDIF interface",
	0x0606: "1394 DA stream", 0x0607: "1394 DV stream soundtrack",
	0x0700: "Embedded Undefined", 0x0701: "Level Calibration Noise Source", 0x0702: "Equalization Noise",
	0x0703: "CD player", 0x0704: "DAT", 0x0705: "DCC", 0x0706: "MiniDisk", 0x0707: "Analog Tape",
	0x0708: "Phonograph", 0x0709: "VCR Audio", 0x070a: "Video Disc Audio", 0x070b: "DVD Audio",
	0x070c: "TV Tuner Audio", 0x070d: "Satellite Receiver Audio", 0x070e: "Cable Tuner Audio",
	0x070f: "DSS Audio", 0x0710: "Radio Receiver", 0x0711: "Radio Transmitter", 0x0712: "Multi-track Recorder",
	0x0713: "Synthesizer", 0x0714: "Piano", 0x0715: "Guitar", 0x0716: "Drums/Rhythm", 0x0717: "Other Musical Instrument",
}

// terminalTypeTable is terminalTypeNames as an array by high and low byte,
// for Name, which the classifier calls for every evidence line: an index
// instead of a map lookup.
var terminalTypeTable = func() (tab [8][0x18]string) {
	for t, n := range terminalTypeNames {
		if hi, lo := int(t>>8), int(t&0xff); hi < len(tab) && lo < len(tab[hi]) {
			tab[hi][lo] = n
		}
	}
	return tab
}()

// Name is the spec's name for the type ("Headset"), or a generic name by
// its group for codes the tables do not list.
func (t TerminalType) Name() string {
	if hi, lo := int(t>>8), int(t&0xff); hi < len(terminalTypeTable) && lo < len(terminalTypeTable[hi]) && terminalTypeTable[hi][lo] != "" {
		return terminalTypeTable[hi][lo]
	}
	if t&0xff == 0xff && t>>8 == 0x01 {
		return terminalTypeNames[t] // USB Vendor Specific
	}
	switch t >> 8 {
	case 0x01:
		return "USB (unlisted)"
	case 0x02:
		return "Input (unlisted)"
	case 0x03:
		return "Output (unlisted)"
	case 0x04:
		return "Bidirectional (unlisted)"
	case 0x05:
		return "Telephony (unlisted)"
	case 0x06:
		return "External (unlisted)"
	case 0x07:
		return "Embedded (unlisted)"
	}
	return "Unknown"
}

// String is "0x0402 Headset". Built by hand rather than with fmt: the
// classifier formats terminal types into every evidence line of a Parse.
func (t TerminalType) String() string {
	const digits = "0123456789abcdef"
	var buf [64]byte // names are short: one allocation, for the string
	b := append(buf[:0], '0', 'x', digits[t>>12&0xf], digits[t>>8&0xf], digits[t>>4&0xf], digits[t&0xf], ' ')
	return string(append(b, t.Name()...))
}

// IsUSB reports a USB-side terminal (0x01xx): the host end of a path.
func (t TerminalType) IsUSB() bool { return t>>8 == 0x01 }

// IsMicrophone: the input terminal types 0x0201..0x0206.
func (t TerminalType) IsMicrophone() bool { return t >= TermMicrophone && t <= TermProcessingMicArray }

// IsSpeaker: the output terminal types 0x0301..0x0307.
func (t TerminalType) IsSpeaker() bool { return t >= TermSpeaker && t <= TermLFESpeaker }

// IsBidirectional: 0x04xx (handset, headset, speakerphones).
func (t TerminalType) IsBidirectional() bool { return t>>8 == 0x04 }
