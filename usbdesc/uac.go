package usbdesc

import "fmt"

// UACVersion is the USB Audio Class version of one audio function, chosen
// from the AudioControl interface's bInterfaceProtocol (0x00 UAC1, 0x20
// UAC2, 0x30 UAC3) or its IAD.
type UACVersion uint8

const (
	UACUnknown UACVersion = 0
	UAC1       UACVersion = 1
	UAC2       UACVersion = 2
	UAC3       UACVersion = 3
)

func (v UACVersion) String() string {
	if v == UACUnknown {
		return "unknown"
	}
	return fmt.Sprintf("UAC%d", uint8(v))
}

// Entity is an addressable AudioControl descriptor: a terminal, unit or
// clock entity with a bUnitID/bTerminalID/bClockID.
type Entity interface {
	Descriptor
	EntityID() uint8
	// Sources are the IDs of the entities feeding this one (bSourceID,
	// baSourceID[]): the audio data inputs, not clock inputs.
	Sources() []uint8
}

// ClockEntity is implemented by entities that take a clock input (UAC2/3
// terminals and sample-rate converters); clock entities themselves report
// their clock inputs through Sources.
type ClockEntity interface {
	Entity
	ClockSourceID() uint8
}

// Access is the 2-bit control capability of UAC2/UAC3 bmControls
// (UAC2 4.1): absent, read-only, or host-programmable. UAC1 controls are
// either absent or ReadWrite.
type Access uint8

const (
	AccessNone      Access = 0
	AccessReadOnly  Access = 1
	AccessIllegal   Access = 2 // 0b10 is not allowed by the spec
	AccessReadWrite Access = 3
)

var accessNames = [...]string{"none", "read-only", "illegal", "read-write"}

func (a Access) String() string { return accessNames[a&3] }

// MarshalText makes JSON show "read-write".
func (a Access) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// ChannelCluster describes a logical channel cluster (UAC1 3.7.2.3, UAC2 4.1).
type ChannelCluster struct {
	Channels   uint8  `json:"channels"`
	Config     uint32 `json:"config"`      // wChannelConfig (UAC1, 16 bit) / bmChannelConfig (UAC2, 32 bit)
	NamesIndex uint8  `json:"names_index"` // iChannelNames
}

// ChannelNames decodes Config into spatial location names (UAC1 3.7.2.3 /
// UAC2 4.1 bit order), e.g. ["Left Front", "Right Front"].
func (c ChannelCluster) ChannelNames(v UACVersion) []string {
	names := uac1ChannelNames[:]
	if v >= UAC2 {
		names = uac2ChannelNames[:]
	}
	var out []string
	for i, n := range names {
		if c.Config&(1<<uint(i)) != 0 {
			out = append(out, n)
		}
	}
	return out
}

var uac1ChannelNames = [...]string{
	"Left Front (L)", "Right Front (R)", "Center Front (C)", "Low Frequency Enhancement (LFE)",
	"Left Surround (LS)", "Right Surround (RS)", "Left of Center (LC)", "Right of Center (RC)",
	"Surround (S)", "Side Left (SL)", "Side Right (SR)", "Top (T)",
}

var uac2ChannelNames = [...]string{
	"Front Left (FL)", "Front Right (FR)", "Front Center (FC)", "Low Frequency Effects (LFE)",
	"Back Left (BL)", "Back Right (BR)", "Front Left of Center (FLC)", "Front Right of Center (FRC)",
	"Back Center (BC)", "Side Left (SL)", "Side Right (SR)", "Top Center (TC)",
	"Top Front Left (TFL)", "Top Front Center (TFC)", "Top Front Right (TFR)", "Top Back Left (TBL)",
	"Top Back Center (TBC)", "Top Back Right (TBR)", "Top Front Left of Center (TFLC)",
	"Top Front Right of Center (TFRC)", "Left Low Frequency Effects (LLFE)",
	"Right Low Frequency Effects (RLFE)", "Top Side Left (TSL)", "Top Side Right (TSR)",
	"Bottom Center (BC)", "Back Left of Center (BLC)", "Back Right of Center (BRC)",
}
