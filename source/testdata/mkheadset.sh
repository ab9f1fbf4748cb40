#!/bin/bash
# Builds testdata/headset: a hand-made sysfs/procfs tree laid out like a
# real kernel's (compare fixtures/sysfs/demo), with what the QEMU captures
# lack: an absolute symlink (re-rooted under the tree), a device with audio
# and HID on one port, a running capture stream, a non-UTF-8 string, no
# serial, and a port number that sorts numerically (3-10 after 3-2).
set -eu
cd "$(dirname "$0")"
rm -rf headset
T=headset
D=$T/sys/devices/pci0000:00/0000:00:14.0/usb3
mkdir -p $T/sys/bus/usb/devices $D/3-2 $D/3-10
hex() { printf "$(echo "$1" | sed 's/\([0-9a-f][0-9a-f]\) */\\x\1/g')"; }

# 3-2: device descriptor (1209:0001, 1 config) + config of 4 interfaces, 45 bytes
H=$D/3-2
hex '12 01 00 02 00 00 00 40 09 12 01 00 00 01 01 02 00 01' >  $H/descriptors
hex '09 02 2d 00 04 01 00 80 32' >> $H/descriptors
hex '09 04 00 00 00 01 01 00 00' >> $H/descriptors
hex '09 04 01 00 00 01 02 00 00' >> $H/descriptors
hex '09 04 02 00 00 01 02 00 00' >> $H/descriptors
hex '09 04 03 00 01 03 00 00 00' >> $H/descriptors
echo 3 > $H/busnum; echo 7 > $H/devnum; echo 1209 > $H/idVendor; echo 0001 > $H/idProduct
echo 12 > $H/speed; echo 2 > $H/devpath
printf 'Acme\377\n' > $H/manufacturer
echo 'Test Headset' > $H/product
ln -s /sys/devices/pci0000:00/0000:00:14.0/usb3/3-2 $T/sys/bus/usb/devices/3-2
intf() { # name number class sub proto driver
	mkdir -p $H/$1
	echo "$2" > $H/$1/bInterfaceNumber; echo ' 0' > $H/$1/bAlternateSetting
	echo "$3" > $H/$1/bInterfaceClass; echo "$4" > $H/$1/bInterfaceSubClass; echo "$5" > $H/$1/bInterfaceProtocol
	ln -s ../../../../../../bus/usb/drivers/$6 $H/$1/driver
	ln -s ../../../devices/pci0000:00/0000:00:14.0/usb3/3-2/$1 $T/sys/bus/usb/devices/$1
}
intf 3-2:1.0 00 01 01 00 snd-usb-audio
intf 3-2:1.1 01 01 02 00 snd-usb-audio
intf 3-2:1.2 02 01 02 00 snd-usb-audio
intf 3-2:1.3 03 03 00 00 usbhid
mkdir -p $H/3-2:1.0/sound/card1
echo 1 > $H/3-2:1.0/sound/card1/number
echo Headset > $H/3-2:1.0/sound/card1/id
HID=$H/3-2:1.3/0003:1209:0001.0004
mkdir -p $HID/hidraw/hidraw5
ln -s ../../../../../../../bus/hid/drivers/hid-generic $HID/driver
echo 245:5 > $HID/hidraw/hidraw5/dev
mkdir -p $T/sys/class/hidraw
ln -s ../../devices/pci0000:00/0000:00:14.0/usb3/3-2/3-2:1.3/0003:1209:0001.0004/hidraw/hidraw5 $T/sys/class/hidraw/hidraw5
# Consumer Control: volume up, volume down, mute as three 1-bit inputs
hex '05 0c 09 01 a1 01 15 00 25 01 09 e9 09 ea 09 e2 75 01 95 03 81 02 95 05 81 03 c0' > $HID/report_descriptor

# 3-10: a full-speed keyboard-like device with one HID interface, relative link
K=$D/3-10
hex '12 01 10 01 00 00 00 08 34 12 78 56 00 01 00 01 00 01' > $K/descriptors
hex '09 02 12 00 01 01 00 a0 32 09 04 00 00 01 03 01 01 00' >> $K/descriptors
echo 3 > $K/busnum; echo 9 > $K/devnum; echo 1234 > $K/idVendor; echo 5678 > $K/idProduct
echo 1.5 > $K/speed; echo 10 > $K/devpath
echo 'Keys' > $K/product
ln -s ../../../devices/pci0000:00/0000:00:14.0/usb3/3-10 $T/sys/bus/usb/devices/3-10
mkdir -p $K/3-10:1.0
echo 00 > $K/3-10:1.0/bInterfaceNumber; echo ' 0' > $K/3-10:1.0/bAlternateSetting
echo 03 > $K/3-10:1.0/bInterfaceClass; echo 01 > $K/3-10:1.0/bInterfaceSubClass; echo 01 > $K/3-10:1.0/bInterfaceProtocol
ln -s ../../../devices/pci0000:00/0000:00:14.0/usb3/3-10/3-10:1.0 $T/sys/bus/usb/devices/3-10:1.0

# root hub, listed only on request
mkdir -p $D/3-0:1.0
echo 3 > $D/busnum; echo 1 > $D/devnum; echo 1d6b > $D/idVendor; echo 0002 > $D/idProduct; echo 480 > $D/speed
hex '12 01 00 02 09 00 01 40 6b 1d 02 00 01 06 03 02 01 01' > $D/descriptors
hex '09 02 19 00 01 01 00 e0 00 09 04 00 00 01 09 00 00 00 07 05 81 03 04 00 0c' >> $D/descriptors
ln -s ../../../devices/pci0000:00/0000:00:14.0/usb3 $T/sys/bus/usb/devices/usb3

P=$T/proc/asound/card1
mkdir -p $P
echo Headset > $P/id
cat > $P/usbmixer <<'EOM'
USB Mixer: usb_id=0x12090001, ctrlif=0, ctlerr=0
Card: Acme Test Headset at usb-0000:00:14.0-2, full speed
  Unit: 9
    Control: name="Mic Capture Switch", index=0
    Info: id=9, control=1, cmask=0x0, channels=1, type="INV_BOOLEAN"
    Volume: min=0, max=1, dBmin=0, dBmax=0
  Unit: 9
    Control: name="Mic Capture Volume", index=0
    Info: id=9, control=2, cmask=0x0, channels=1, type="S16"
    Volume: min=-4096, max=0, dBmin=-1600, dBmax=0
  Unit: 10
    Control: name="Headset Playback Volume", index=0
    Info: id=10, control=2, cmask=0x3, channels=2, type="S16"
    Volume: min=-11520, max=1536, dBmin=-4500, dBmax=600
EOM
cat > $P/stream0 <<'EOM'
Acme Test Headset at usb-0000:00:14.0-2, full speed : USB Audio

Playback:
  Status: Running
    Interface = 1
    Altset = 1
    Packet Size = 192
    Momentary freq = 48000 Hz (0x30.0000)
  Interface 1
    Altset 1
    Format: S16_LE
    Channels: 2
    Endpoint: 0x01 (1 OUT) (ADAPTIVE)
    Rates: 44100, 48000
    Bits: 16
    Channel map: FL FR

Capture:
  Status: Stop
  Interface 2
    Altset 1
    Format: S16_LE S24_3LE
    Channels: 1
    Endpoint: 0x82 (2 IN) (ASYNC)
    Rates: 8000 - 48000 (continuous)
    Bits: 16
    Channel map: MONO
EOM
