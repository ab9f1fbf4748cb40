package usbdesc

import (
	"fmt"
	"strings"
)

// DOT renders the function's entity graph for Graphviz: audio flows along
// solid edges from source to sink, clocks feed terminals along dashed
// edges, clock entities are dashed boxes, and an ID that some entity names
// but none has is drawn as a red dotted "missing" node. Labels carry only
// numbers and the specs' type names, never device strings.
func (f *AudioFunction) DOT() string {
	var t topology
	t.f = f
	t.index() // its warnings are already in f.Warnings
	var b strings.Builder
	fmt.Fprintf(&b, "digraph \"audio function %d\" {\n", f.ControlInterface)
	b.WriteString("  rankdir=LR;\n  node [fontname=\"Helvetica\" fontsize=10];\n")
	var missing [256]bool
	var ents []Entity
	for _, id := range t.ents() {
		ents = append(ents, t.entity(id))
	}
	for _, e := range ents {
		fmt.Fprintf(&b, "  e%d [label=%s %s];\n", e.EntityID(), dotQuote(dotLabel(e)), dotShape(e))
	}
	for _, e := range ents {
		id := e.EntityID()
		edgeStyle := ""
		if isClockEntity(e) {
			edgeStyle = " [style=dashed]"
		}
		for _, src := range e.Sources() {
			if !t.has(src) {
				missing[src] = true
			}
			fmt.Fprintf(&b, "  e%d -> e%d%s;\n", src, id, edgeStyle)
		}
		if ce, ok := e.(ClockEntity); ok && ce.ClockSourceID() != 0 {
			clk := ce.ClockSourceID()
			if !t.has(clk) {
				missing[clk] = true
			}
			fmt.Fprintf(&b, "  e%d -> e%d [style=dashed arrowhead=odot];\n", clk, id)
		}
	}
	for id, m := range missing {
		if m {
			fmt.Fprintf(&b, "  e%d [label=\"%d: missing\" color=red fontcolor=red style=dotted];\n", id, id)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// dotLabel is "2: Feature Unit\nmute, volume" and the like.
func dotLabel(e Entity) string {
	name := titleCase(entityName(e))
	detail := ""
	switch e := e.(type) {
	case *InputTerminal:
		detail = e.TerminalType.String()
	case *OutputTerminal:
		detail = e.TerminalType.String()
	case *FeatureUnit:
		var names []string
		var have [numFeatureControls]bool
		for ch := range e.ChannelControls {
			for c := FeatureControl(0); c < numFeatureControls; c++ {
				if !have[c] && e.Access(ch, c) != AccessNone {
					have[c] = true
				}
			}
		}
		for c := FeatureControl(0); c < numFeatureControls; c++ {
			if have[c] {
				names = append(names, c.String())
			}
		}
		detail = strings.Join(names, ", ")
	case *ClockSource:
		detail = e.Attributes.String()
	}
	if detail == "" {
		return fmt.Sprintf("%d: %s", e.EntityID(), name)
	}
	return fmt.Sprintf("%d: %s\n%s", e.EntityID(), name, detail)
}

func dotShape(e Entity) string {
	switch e.(type) {
	case *InputTerminal, *OutputTerminal:
		return "shape=ellipse"
	case *ClockSource, *ClockSelector, *ClockMultiplier:
		return "shape=box style=dashed"
	}
	return "shape=box"
}

// dotQuote makes a DOT string literal; \n stays a line break.
func dotQuote(s string) string { return `"` + dotEscaper.Replace(s) + `"` }

var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

// titleCase capitalises each word of an ASCII name ("feature unit" ->
// "Feature Unit").
func titleCase(s string) string {
	b := []byte(s)
	for i := range b {
		if (i == 0 || b[i-1] == ' ') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}
