package bench

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/usbaudio/usbaudio/model"
)

// junitDoc is what a CI system reads from the XML, parsed independently
// of the writer's types.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Suites   []struct {
		Name       string `xml:"name,attr"`
		Tests      int    `xml:"tests,attr"`
		Failures   int    `xml:"failures,attr"`
		Properties []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"properties>property"`
		Cases []struct {
			Name    string `xml:"name,attr"`
			Class   string `xml:"classname,attr"`
			Failure *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnitAndJSONReports(t *testing.T) {
	desc := readFile(t, filepath.Join(fixturesDir, "qemu/qemu-usb-audio/descriptors.bin"))
	strs := model.Strings{Manufacturer: "QEMU", Product: "QEMU USB Audio", Serial: "SN-0001<&>"}
	good := buildDevice(t, desc, strs, nil)
	profile := FromDevice(good)
	profile.Paths[0].Channels = ptr(1) // one failure on every unit

	at := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	checks := Compare(profile, good)
	checks = append(checks, Result{Name: "press mute", Pass: true, Expected: "mute pressed within 10 s",
		Actual: "mute pressed", Latency: 1500 * time.Millisecond})
	u1 := NewUnitReport(good, "1-1", at, 2*time.Second, checks)
	u2 := NewUnitReport(good, "1-2", at, time.Second, Compare(profile, good))
	rep := NewReport("golden.json", []UnitReport{u1, u2})
	if rep.Pass || u1.Failed != 1 || u1.Passed != len(checks)-1 {
		t.Fatalf("report pass %v, unit failed %d passed %d", rep.Pass, u1.Failed, u1.Passed)
	}

	var buf bytes.Buffer
	if err := rep.WriteJUnit(&buf); err != nil {
		t.Fatal(err)
	}
	var doc junitDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("JUnit does not parse: %v\n%s", err, buf.String())
	}
	if len(doc.Suites) != 2 || doc.Tests != len(checks)+len(u2.Checks) || doc.Failures != 2 {
		t.Fatalf("%d suites, %d tests, %d failures", len(doc.Suites), doc.Tests, doc.Failures)
	}
	s := doc.Suites[0]
	if s.Tests != len(checks) || len(s.Cases) != len(checks) || s.Failures != 1 {
		t.Errorf("suite 1: %d tests, %d cases, %d failures", s.Tests, len(s.Cases), s.Failures)
	}
	props := map[string]string{}
	for _, p := range s.Properties {
		props[p.Name] = p.Value
	}
	if props["serial"] != "****1<&>" || props["vid_pid"] != "46f4:0002" || props["origin"] != "1-1" || props["profile"] != "golden.json" {
		t.Errorf("properties %v", props)
	}
	failures := 0
	for _, c := range s.Cases {
		if c.Class != "usbaudio.check" {
			t.Errorf("classname %q", c.Class)
		}
		if c.Failure != nil {
			failures++
			if c.Name != "playback 1 channels" || c.Failure.Message != "playback 1 channels: expected 1, got 2" ||
				!strings.Contains(c.Failure.Text, "expected: 1\nactual:   2") {
				t.Errorf("failure %q: %q %q", c.Name, c.Failure.Message, c.Failure.Text)
			}
		}
	}
	if failures != 1 {
		t.Errorf("%d failure elements", failures)
	}
	if !strings.Contains(buf.String(), `name="press mute" classname="usbaudio.check" time="1.500"`) {
		t.Errorf("press latency not the testcase time:\n%s", buf.String())
	}

	buf.Reset()
	if err := rep.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"message": "playback 1 channels: expected 1, got 2"`) {
		t.Errorf("JSON checks lack their message:\n%s", buf.String())
	}
	if back.Schema != ReportSchema || back.Pass || len(back.Units) != 2 || back.Units[0].Serial != "****1<&>" ||
		back.Units[0].Checks[len(checks)-1].Latency != 1500*time.Millisecond {
		t.Errorf("JSON report read back as %+v", back)
	}
}

func TestEmptyReportFails(t *testing.T) {
	r := NewReport("p.json", nil)
	if r.Pass || r.Units == nil {
		t.Errorf("%+v", r)
	}
}
