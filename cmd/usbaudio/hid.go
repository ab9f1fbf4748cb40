package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/usbaudio/usbaudio/hid"
)

func init() {
	register(&command{name: "hid", summary: "decode HID report descriptors and input reports", run: runHID})
}

const hidUsage = `usage: usbaudio hid decode FILE [--json]
       usbaudio hid report --descriptor FILE [--kind input|output|feature] [--json] HEX...

decode  dumps a report descriptor (binary or hex text) item by item, then the
        report layout and the headset controls it defines.
report  decodes reports given as hex (ID byte first when the descriptor uses
        report IDs) into field values, and input reports into control events.
`

// runHID dispatches to the hid sub-subcommands.
func runHID(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, hidUsage)
		return exitf(exitUsage, "missing subcommand (decode or report)")
	}
	switch args[0] {
	case "decode":
		return runHIDDecode(args[1:], stdout, stderr)
	case "report":
		return runHIDReport(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, hidUsage)
		return nil
	}
	fmt.Fprint(stderr, hidUsage)
	return exitf(exitUsage, "unknown subcommand %q (want decode or report)", args[0])
}

// hidJSONSchema is the schema tag every JSON document of the tool carries.
const hidJSONSchema = "usbaudio/v1"

func runHIDDecode(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("hid decode", "hid decode FILE [--json]",
		"  usbaudio hid decode /sys/class/hidraw/hidraw0/device/report_descriptor\n"+
			"  usbaudio hid decode --json report_descriptor.hex\n", stderr)
	asJSON := fs.Bool("json", false, "print JSON (schema usbaudio/v1) instead of text")
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitf(exitUsage, "want exactly one FILE, got %d arguments", fs.NArg())
	}
	path := fs.Arg(0)
	d, raw, err := hidLoadDescriptor(path)
	if err != nil {
		return err
	}
	if *asJSON {
		return hidWriteJSON(stdout, hidDecodeDocument(path, raw, d))
	}
	hidWriteDecodeText(stdout, path, raw, d)
	return nil
}

// hidLoadDescriptor reads and parses a descriptor file; a file that yields
// no item at all is malformed beyond recovery (exit 5).
func hidLoadDescriptor(path string) (*hid.Descriptor, []byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil, exitf(exitUsage, "%v", err)
		}
		if errors.Is(err, os.ErrPermission) {
			return nil, nil, exitf(exitDenied, "%v", err)
		}
		return nil, nil, exitf(exitMalformed, "%v", err)
	}
	b, err := hidBytesFromFile(raw)
	if err != nil {
		return nil, nil, exitf(exitMalformed, "%s: %v", path, err)
	}
	d, perr := hid.Parse(b)
	if len(d.Items) == 0 {
		return nil, nil, exitf(exitMalformed, "%s: cannot parse report descriptor: %v", path, perr)
	}
	if perr != nil {
		var fe *hid.FormatError
		if errors.As(perr, &fe) {
			d.Warnings = append(d.Warnings, fe)
		}
	}
	return d, b, nil
}

// hidBytesFromFile accepts raw bytes or hex text ("05 0c 09 01", "0x05,0x0c",
// one or many lines; '#' starts a comment). Report descriptors always
// contain bytes outside printable ASCII, so text that is all hex is hex.
func hidBytesFromFile(raw []byte) ([]byte, error) {
	if !hidLooksLikeHex(raw) {
		return raw, nil
	}
	return hidParseHex(string(raw))
}

func hidLooksLikeHex(raw []byte) bool {
	digits := 0
	inComment := false
	for _, c := range raw {
		switch {
		case inComment:
			inComment = c != '\n'
		case c == '#':
			inComment = true
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f', c >= 'A' && c <= 'F':
			digits++
		case c == ' ', c == '\t', c == '\r', c == '\n', c == ',', c == ':', c == 'x', c == 'X', c == ';':
		default:
			return false
		}
	}
	return digits > 0
}

// hidParseHex reads hex bytes separated by spaces, commas or colons, with
// optional 0x prefixes; runs of digits without separators are read two at a time.
func hidParseHex(s string) ([]byte, error) {
	var out []byte
	for line := range strings.SplitSeq(s, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		fields := strings.FieldsFunc(line, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\r' || r == ',' || r == ':' || r == ';'
		})
		for _, f := range fields {
			f = strings.TrimPrefix(strings.TrimPrefix(f, "0x"), "0X")
			if len(f)%2 != 0 {
				if len(f) == 1 {
					f = "0" + f
				} else {
					return nil, fmt.Errorf("hex run %q has an odd number of digits", f)
				}
			}
			for i := 0; i < len(f); i += 2 {
				var v byte
				for _, c := range []byte(f[i : i+2]) {
					n, ok := hidHexDigit(c)
					if !ok {
						return nil, fmt.Errorf("%q is not hex", f)
					}
					v = v<<4 | n
				}
				out = append(out, v)
			}
		}
	}
	return out, nil
}

func hidHexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func hidHex(b []byte) string {
	var sb strings.Builder
	for i, c := range b {
		if i > 0 {
			sb.WriteByte(' ')
		}
		fmt.Fprintf(&sb, "%02x", c)
	}
	return sb.String()
}

func hidYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func hidWriteDecodeText(w io.Writer, path string, raw []byte, d *hid.Descriptor) {
	fmt.Fprintf(w, "Report descriptor %s: %d bytes, %d items\n\n", path, len(raw), len(d.Items))
	fmt.Fprintln(w, "Items:")
	for i := range d.Items {
		it := &d.Items[i]
		fmt.Fprintf(w, "  0x%04x  %-15s %s%s\n", it.Offset, it.HexBytes(), strings.Repeat("  ", it.Depth), it.String())
	}

	fmt.Fprintln(w, "\nReports:")
	if len(d.Reports) == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	for _, r := range d.Reports {
		idText := "no ID"
		if d.UsesReportIDs {
			idText = fmt.Sprintf("ID %d", r.ID)
		}
		fmt.Fprintf(w, "  %s report, %s: %d bits, %d bytes on the wire\n", r.Kind, idText, r.Bits, r.Bytes(d.UsesReportIDs))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "    bits\tcount x size\tflags\tlogical\tusages\tcollection")
		for _, fi := range r.Fields {
			f := &d.Fields[fi]
			usages := hidUsageList(f)
			if f.Constant() && usages == "" {
				usages = "(padding)"
			}
			fmt.Fprintf(tw, "    %d-%d\t%d x %d\t%s\t%d..%d\t%s\t%s\n", f.BitOffset, f.BitOffset+f.Count*f.BitSize-1,
				f.Count, f.BitSize, f.Flags, f.LogicalMin, f.LogicalMax, usages, d.CollectionPathString(f.Collection))
		}
		tw.Flush()
	}

	fmt.Fprintln(w, "\nControls:")
	controls := d.Controls()
	if len(controls) == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range controls {
		where := fmt.Sprintf("bit %d, %d bit(s)", c.BitOffset, c.BitSize)
		if c.Array {
			where = fmt.Sprintf("array at bit %d, %d x %d bits, value %d", c.BitOffset, c.Slots, c.BitSize, c.ArrayValue)
		}
		fmt.Fprintf(tw, "  %s\t%s report %d\t%s\t%s\t%s\n", c.Name, c.Kind, c.ReportID, where, c.Semantics, c.Usage)
	}
	tw.Flush()

	s := d.Summary()
	if len(s.VendorCollections) > 0 {
		fmt.Fprintln(w, "\nVendor collections:")
		for _, vc := range s.VendorCollections {
			fmt.Fprintf(w, "  0x%04x  %s (%s), reports %v\n", vc.Offset, vc.Type, vc.Usage, vc.ReportIDs)
		}
	}
	fmt.Fprintf(w, "\nSummary: volume buttons %s, volume %s, mute %s, hook switch %s, telephony %s, consumer %s\n",
		hidYesNo(s.VolumeButtons), hidYesNo(s.Volume), hidYesNo(s.Mute), hidYesNo(s.HookSwitch),
		hidYesNo(s.Telephony), hidYesNo(s.Consumer))
	if len(s.LEDs) > 0 {
		fmt.Fprintf(w, "LEDs: %s\n", strings.Join(s.LEDs, ", "))
	}
	if len(d.Warnings) > 0 {
		fmt.Fprintln(w, "\nWarnings:")
		for _, e := range d.Warnings {
			fmt.Fprintf(w, "  %v\n", e)
		}
	}
}

// hidUsageList renders a field's usages compactly.
func hidUsageList(f *hid.Field) string {
	parts := make([]string, 0, len(f.Usages))
	for _, r := range f.Usages {
		parts = append(parts, r.String())
	}
	return strings.Join(parts, ", ")
}

// JSON documents. Field names are part of the usbaudio/v1 schema.
type hidItemJSON struct {
	Offset int    `json:"offset"`
	Bytes  string `json:"bytes"`
	Type   string `json:"type"`
	Name   string `json:"name"`
	Data   uint32 `json:"data"`
	Text   string `json:"text"`
	Depth  int    `json:"depth"`
}

type hidFieldJSON struct {
	hid.Field
	Index          int      `json:"index"`
	CollectionPath []string `json:"collection_path"`
}

type hidReportJSON struct {
	hid.Report
	Bytes int `json:"bytes"`
}

type hidWarningJSON struct {
	Offset  int    `json:"offset"`
	Message string `json:"message"`
}

type hidDecodeJSON struct {
	Schema        string           `json:"schema"`
	Source        string           `json:"source"`
	Length        int              `json:"length"`
	UsesReportIDs bool             `json:"uses_report_ids"`
	Items         []hidItemJSON    `json:"items"`
	Collections   []hid.Collection `json:"collections"`
	Reports       []hidReportJSON  `json:"reports"`
	Fields        []hidFieldJSON   `json:"fields"`
	Controls      []hid.Control    `json:"controls"`
	Summary       hid.Summary      `json:"summary"`
	Warnings      []hidWarningJSON `json:"warnings"`
}

func hidDecodeDocument(path string, raw []byte, d *hid.Descriptor) *hidDecodeJSON {
	doc := &hidDecodeJSON{Schema: hidJSONSchema, Source: path, Length: len(raw), UsesReportIDs: d.UsesReportIDs,
		Items: []hidItemJSON{}, Collections: d.Collections, Reports: []hidReportJSON{}, Fields: []hidFieldJSON{},
		Controls: d.Controls(), Summary: d.Summary(), Warnings: hidWarnings(d.Warnings)}
	if doc.Collections == nil {
		doc.Collections = []hid.Collection{}
	}
	if doc.Controls == nil {
		doc.Controls = []hid.Control{}
	}
	for i := range d.Items {
		it := &d.Items[i]
		doc.Items = append(doc.Items, hidItemJSON{Offset: it.Offset, Bytes: it.HexBytes(), Type: it.Type.String(),
			Name: it.Name(), Data: it.Data, Text: it.String(), Depth: it.Depth})
	}
	for _, r := range d.Reports {
		doc.Reports = append(doc.Reports, hidReportJSON{Report: r, Bytes: r.Bytes(d.UsesReportIDs)})
	}
	for i := range d.Fields {
		f := d.Fields[i]
		path := []string{}
		cols, cut := d.CollectionPath(f.Collection)
		if cut {
			path = append(path, "...")
		}
		for _, c := range cols {
			path = append(path, d.Collections[c].String())
		}
		if f.Usages == nil {
			f.Usages = []hid.UsageRange{}
		}
		doc.Fields = append(doc.Fields, hidFieldJSON{Field: f, Index: i, CollectionPath: path})
	}
	return doc
}

func hidWarnings(ws []*hid.FormatError) []hidWarningJSON {
	out := []hidWarningJSON{}
	for _, w := range ws {
		out = append(out, hidWarningJSON{Offset: w.Off, Message: w.Error()})
	}
	return out
}

func hidWriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func runHIDReport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("hid report", "hid report --descriptor FILE [--kind input|output|feature] [--json] HEX...",
		"  usbaudio hid report --descriptor report_descriptor.bin '01 01 00' '01 00 00'\n"+
			"  usbaudio hid report --descriptor rd.hex --json 02:01 02:00\n", stderr)
	descPath := fs.String("descriptor", "", "report descriptor FILE (binary or hex) (required)")
	kindName := fs.String("kind", "input", "report kind: input, output or feature")
	asJSON := fs.Bool("json", false, "print JSON (schema usbaudio/v1) instead of text")
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	if *descPath == "" {
		fs.Usage()
		return exitf(exitUsage, "--descriptor FILE is required")
	}
	kinds := map[string]hid.ReportKind{"input": hid.KindInput, "output": hid.KindOutput, "feature": hid.KindFeature}
	kind, ok := kinds[*kindName]
	if !ok {
		return exitf(exitUsage, "--kind must be input, output or feature, not %q", *kindName)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitf(exitUsage, "give at least one report as HEX")
	}
	reports := make([][]byte, 0, fs.NArg())
	for _, a := range fs.Args() {
		b, err := hidParseHex(a)
		if err != nil || len(b) == 0 {
			return exitf(exitUsage, "report %q is not hex: %v", a, err)
		}
		reports = append(reports, b)
	}
	d, _, err := hidLoadDescriptor(*descPath)
	if err != nil {
		return err
	}
	doc := hidReportDocument(*descPath, d, kind, reports)
	if *asJSON {
		return hidWriteJSON(stdout, doc)
	}
	hidWriteReportText(stdout, d, doc)
	return nil
}

type hidFieldValueJSON struct {
	Field  int      `json:"field"`
	Usages []string `json:"usages"`
	Values []int32  `json:"values"`
}

type hidReportValuesJSON struct {
	Hex      string              `json:"hex"`
	ReportID uint8               `json:"report_id"`
	Kind     hid.ReportKind      `json:"kind"`
	Fields   []hidFieldValueJSON `json:"fields"`
	Events   []hid.Event         `json:"events"`
	Warnings []string            `json:"warnings"`
}

type hidReportDocJSON struct {
	Schema     string                `json:"schema"`
	Descriptor string                `json:"descriptor"`
	Reports    []hidReportValuesJSON `json:"reports"`
}

func hidReportDocument(path string, d *hid.Descriptor, kind hid.ReportKind, reports [][]byte) *hidReportDocJSON {
	doc := &hidReportDocJSON{Schema: hidJSONSchema, Descriptor: path, Reports: []hidReportValuesJSON{}}
	dec := hid.NewDecoder(d)
	for _, rep := range reports {
		out := hidReportValuesJSON{Hex: hidHex(rep), Kind: kind, Fields: []hidFieldValueJSON{},
			Events: []hid.Event{}, Warnings: []string{}}
		if d.UsesReportIDs {
			out.ReportID = rep[0] // hidParseHex never returns an empty report
		}
		rv, err := d.DecodeReport(kind, rep)
		if err != nil {
			out.Warnings = append(out.Warnings, err.Error())
		}
		if rv != nil {
			out.ReportID = rv.ID
			for _, fv := range rv.Fields {
				names := make([]string, len(fv.Usages))
				for i, u := range fv.Usages {
					if u == 0 {
						names[i] = "(none)"
					} else {
						names[i] = u.String()
					}
				}
				vals := fv.Values
				if vals == nil {
					vals = []int32{}
				}
				out.Fields = append(out.Fields, hidFieldValueJSON{Field: fv.Field, Usages: names, Values: vals})
			}
		}
		if kind == hid.KindInput && rv != nil {
			if err := dec.Decode(rep, func(e hid.Event) { out.Events = append(out.Events, e) }); err != nil {
				out.Warnings = append(out.Warnings, err.Error())
			}
		}
		doc.Reports = append(doc.Reports, out)
	}
	return doc
}

func hidWriteReportText(w io.Writer, d *hid.Descriptor, doc *hidReportDocJSON) {
	for i, r := range doc.Reports {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s report %d: %s\n", r.Kind, r.ReportID, r.Hex)
		for _, fv := range r.Fields {
			f := &d.Fields[fv.Field]
			if f.Variable() {
				for j, v := range fv.Values {
					fmt.Fprintf(w, "  %s = %d\n", fv.Usages[j], v)
				}
				continue
			}
			var sel []string
			for j, v := range fv.Values {
				if fv.Usages[j] != "(none)" {
					sel = append(sel, fmt.Sprintf("%s (%d)", fv.Usages[j], v))
				}
			}
			if len(sel) == 0 {
				sel = []string{"(none)"}
			}
			fmt.Fprintf(w, "  array at bit %d: %s\n", f.BitOffset, strings.Join(sel, ", "))
		}
		for _, e := range r.Events {
			fmt.Fprintf(w, "  event: %s\n", e)
		}
		for _, m := range r.Warnings {
			fmt.Fprintf(w, "  warning: %s\n", m)
		}
	}
}
