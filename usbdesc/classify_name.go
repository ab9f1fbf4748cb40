package usbdesc

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Rule 7, the product name. Some devices describe themselves with exactly
// the same terminals as a different kind of device: the Blue Yeti USB
// microphone (a stereo Microphone terminal, a Speaker-typed monitor output
// fed by a mixer that also takes the microphone) is, byte for byte in its
// topology, the Plantronics .Audio 655 and Logitech H540 headsets. What the
// maker called the product then breaks the tie: the iProduct string, passed
// in ClassifyHints.Product.
//
// A name is weaker than a terminal type the device declares, so it earns
// namePoints, below a headset terminal (+60) and above the generic Speaker +
// Microphone pair (+35). A product named a microphone also counts as a
// studio-microphone sign (rule 4): its microphone-to-output mix is direct
// monitoring, not a headset's sidetone.

// namePoints is what a product name that names a form factor earns.
const namePoints = 30

// nameWords maps the lower-case words of a product name to the form factor
// they name. Whole words only: "Micro" (M-Audio Micro) names nothing.
var nameWords = map[string]FormFactor{
	"headset": FormHeadset, "headsets": FormHeadset,
	"headphone": FormHeadphones, "headphones": FormHeadphones,
	"earphone": FormHeadphones, "earphones": FormHeadphones,
	"microphone": FormMicrophone, "microphones": FormMicrophone, "mic": FormMicrophone,
	"speakerphone": FormSpeakerphone,
	"handset":      FormHandset,
	"speaker":      FormSpeaker, "speakers": FormSpeaker,
}

// namePhrases are multi-word names that mean something else than their
// words: C-Media's CM108 reference firmware calls its headset chip "USB
// Headphone Set", and many headsets and dongles ship with that string.
var namePhrases = map[string]FormFactor{
	"headphone set": FormHeadset,
}

// nameOrder settles a name with several words: one that names a headset,
// speakerphone or handset says more than its parts ("Headset Microphone").
// A name with two of the rest ("Microphone with Headphone Amp") names
// nothing for sure.
var nameOrder = [...]FormFactor{FormHeadset, FormSpeakerphone, FormHandset}

// namedForm is the form factor a product name names, "" when none or
// ambiguous, and the word or phrase that named it.
func namedForm(product string) (FormFactor, string) {
	lower := strings.ToLower(product)
	for phrase, form := range namePhrases {
		if strings.Contains(lower, phrase) {
			return form, phrase
		}
	}
	found := map[FormFactor]string{}
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return (r < 'a' || r > 'z') && (r < '0' || r > '9') }) {
		if form, ok := nameWords[w]; ok {
			if _, seen := found[form]; !seen {
				found[form] = w
			}
		}
	}
	for _, form := range nameOrder {
		if w, ok := found[form]; ok {
			return form, w
		}
	}
	if len(found) == 1 {
		for form, w := range found {
			return form, w
		}
	}
	return "", ""
}

// name adds the product-name evidence (rule 7).
func (c *classifier) name(product string) {
	if c.named == "" {
		return
	}
	c.addText(c.named, namePoints, "the product is named "+quoteName(product)+": the word \""+c.namedWord+"\" names a "+
		string(c.named))
}

// quoteName quotes a device string for evidence text, cut to 64 bytes at
// a character boundary, Go-escaped: a device's name must not put control
// characters, bidirectional overrides or invalid UTF-8 into the verdict.
func quoteName(s string) string {
	s = strings.TrimSpace(s)
	cut := ""
	if len(s) > 64 {
		n := 64
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s, cut = s[:n], "…"
	}
	return strconv.Quote(s) + cut
}
