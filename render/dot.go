package render

import (
	"io"

	"github.com/usbaudio/usbaudio/model"
)

// DOT writes the audio topology of every audio function of the device as
// Graphviz graphs (usbdesc draws each function's entity graph).
func DOT(w io.Writer, d *model.Device) error {
	for i := range d.AudioFunctions {
		f := d.AudioFunctions[i].Function
		if f == nil {
			continue
		}
		if _, err := io.WriteString(w, f.DOT()); err != nil {
			return err
		}
	}
	return nil
}
