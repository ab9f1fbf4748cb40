package render

import (
	"encoding/json"
	"io"
)

// JSON writes v indented. Key order is stable: encoding/json writes struct
// fields in declaration order and map keys sorted.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
