package lsusbtext

import (
	"os"
	"path/filepath"
	"testing"
)

// realdataDir holds public lsusb dumps, read in place (see shared/realdata/INDEX.md).
var realdataDir = filepath.Join("..", "..", "shared", "realdata")

func realdataDumps(t testing.TB) []string {
	t.Helper()
	if _, err := os.Stat(realdataDir); err != nil {
		t.Skip("shared/realdata not present")
	}
	dumps, err := filepath.Glob(filepath.Join(realdataDir, "*", "lsusb.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dumps) < 16 {
		t.Fatalf("found %d lsusb dumps in %s, want 16", len(dumps), realdataDir)
	}
	return dumps
}
