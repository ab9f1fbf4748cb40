package usbdesc

// Configuration is a configuration descriptor (USB 2.0 9.6.3) with
// everything that followed it within wTotalLength.
type Configuration struct {
	Header
	TotalLength        uint16           `json:"total_length" usb:"wTotalLength"`
	NumInterfaces      uint8            `json:"num_interfaces" usb:"bNumInterfaces"`
	ConfigurationValue uint8            `json:"configuration_value" usb:"bConfigurationValue"`
	StringIndex        uint8            `json:"string_index" usb:"iConfiguration"`
	Attributes         ConfigAttributes `json:"attributes" usb:"bmAttributes"`
	MaxPower           uint8            `json:"max_power" usb:"bMaxPower"` // 2 mA units (8 mA at SuperSpeed)

	// Associations are the IADs in this configuration, in order.
	Associations []*InterfaceAssociation `json:"associations,omitempty"`
	// Interfaces groups alternate settings by bInterfaceNumber, in the
	// order the interface numbers first appear.
	Interfaces []*Interface `json:"interfaces"`
	// Extra holds descriptors found after the configuration descriptor and
	// before the first interface (rare; kept so nothing is dropped).
	Extra []Descriptor `json:"extra,omitempty"`
	// AudioFunctions are the USB audio functions found in this configuration.
	AudioFunctions []*AudioFunction `json:"audio_functions,omitempty"`
}

// ConfigAttributes is bmAttributes of a configuration.
type ConfigAttributes uint8

func (a ConfigAttributes) SelfPowered() bool  { return a&0x40 != 0 }
func (a ConfigAttributes) RemoteWakeup() bool { return a&0x20 != 0 }

func (a ConfigAttributes) String() string {
	s := "Bus Powered"
	if a.SelfPowered() {
		s = "Self Powered"
	}
	if a.RemoteWakeup() {
		s += ", Remote Wakeup"
	}
	return s
}

// MaxPowerMilliamps converts bMaxPower: 2 mA units below SuperSpeed, 8 mA at
// SuperSpeed (USB 3.2 9.6.3). superSpeed comes from bcdUSB >= 3.00.
func (c *Configuration) MaxPowerMilliamps(superSpeed bool) int {
	if superSpeed {
		return int(c.MaxPower) * 8
	}
	return int(c.MaxPower) * 2
}

// InterfaceAssociation is an IAD (USB 2.0 ECN / 9.6.4 in USB 3.x).
type InterfaceAssociation struct {
	Header
	FirstInterface   uint8     `json:"first_interface" usb:"bFirstInterface"`
	InterfaceCount   uint8     `json:"interface_count" usb:"bInterfaceCount"`
	FunctionClass    ClassCode `json:"function_class" usb:"bFunctionClass"`
	FunctionSubClass uint8     `json:"function_subclass" usb:"bFunctionSubClass"`
	FunctionProtocol uint8     `json:"function_protocol" usb:"bFunctionProtocol"`
	StringIndex      uint8     `json:"string_index" usb:"iFunction"`
}
