package usbdesc

import "fmt"

// Endpoint is an endpoint descriptor (USB 2.0 9.6.6); audio endpoints are 9
// bytes long and add bRefresh and bSynchAddress (UAC1 4.6.1.1).
type Endpoint struct {
	Header
	Address       EndpointAddress    `json:"address" usb:"bEndpointAddress"`
	Attributes    EndpointAttributes `json:"attributes" usb:"bmAttributes"`
	MaxPacketSize uint16             `json:"max_packet_size" usb:"wMaxPacketSize"`
	Interval      uint8              `json:"interval" usb:"bInterval"`
	Refresh       uint8              `json:"refresh,omitempty" usb:"bRefresh"`            // 9-byte form only
	SynchAddress  uint8              `json:"synch_address,omitempty" usb:"bSynchAddress"` // 9-byte form only

	// Companion is the SuperSpeed endpoint companion, if one followed.
	Companion *SSCompanion `json:"ss_companion,omitempty"`
	// ClassSpecific are descriptors after this endpoint (e.g. the UAC
	// class-specific AS isochronous endpoint descriptor).
	ClassSpecific []Descriptor `json:"class_specific,omitempty"`
}

// EndpointAddress is bEndpointAddress: number in D3..0, direction in D7.
type EndpointAddress uint8

func (a EndpointAddress) Number() int { return int(a & 0x0f) }
func (a EndpointAddress) In() bool    { return a&0x80 != 0 }
func (a EndpointAddress) String() string {
	dir := "OUT"
	if a.In() {
		dir = "IN"
	}
	return fmt.Sprintf("0x%02x EP %d %s", uint8(a), a.Number(), dir)
}

// EndpointAttributes is bmAttributes of an endpoint.
type EndpointAttributes uint8

// TransferType is bmAttributes D1..0.
type TransferType uint8

const (
	TransferControl     TransferType = 0
	TransferIsochronous TransferType = 1
	TransferBulk        TransferType = 2
	TransferInterrupt   TransferType = 3
)

var transferTypeNames = [...]string{"Control", "Isochronous", "Bulk", "Interrupt"}

func (t TransferType) String() string { return transferTypeNames[t&3] }

// SyncType is bmAttributes D3..2 of an isochronous endpoint.
type SyncType uint8

var syncTypeNames = [...]string{"None", "Asynchronous", "Adaptive", "Synchronous"}

func (s SyncType) String() string { return syncTypeNames[s&3] }

// UsageType is bmAttributes D5..4 of an isochronous endpoint.
type UsageType uint8

var usageTypeNames = [...]string{"Data", "Feedback", "Implicit feedback Data", "Reserved"}

func (u UsageType) String() string { return usageTypeNames[u&3] }

func (a EndpointAttributes) Transfer() TransferType { return TransferType(a & 3) }
func (a EndpointAttributes) Sync() SyncType         { return SyncType(a >> 2 & 3) }
func (a EndpointAttributes) Usage() UsageType       { return UsageType(a >> 4 & 3) }

func (a EndpointAttributes) String() string {
	if a.Transfer() == TransferIsochronous {
		return fmt.Sprintf("%s, %s, %s", a.Transfer(), a.Sync(), a.Usage())
	}
	return a.Transfer().String()
}

// PacketBytes is the payload size in wMaxPacketSize D10..0; Transactions is
// 1 + the high-bandwidth multiplier in D12..11.
func (e *Endpoint) PacketBytes() int  { return int(e.MaxPacketSize & 0x7ff) }
func (e *Endpoint) Transactions() int { return 1 + int(e.MaxPacketSize>>11&3) }

// SSCompanion is the SuperSpeed endpoint companion (USB 3.2 9.6.7).
type SSCompanion struct {
	Header
	MaxBurst         uint8  `json:"max_burst" usb:"bMaxBurst"`
	Attributes       uint8  `json:"attributes" usb:"bmAttributes"`
	BytesPerInterval uint16 `json:"bytes_per_interval" usb:"wBytesPerInterval"`
}
