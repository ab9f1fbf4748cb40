package bench

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/usbaudio/usbaudio/model"
)

// ReportSchema names the layout of the machine report (check --json).
const ReportSchema = "usbaudio-check/v1"

// UnitReport is the outcome for one unit.
type UnitReport struct {
	VIDPID  string    `json:"vid_pid"`
	Name    string    `json:"name,omitempty"`
	Serial  string    `json:"serial,omitempty"` // masked unless revealed
	Origin  string    `json:"origin,omitempty"` // port path or input file
	Time    time.Time `json:"time"`
	Pass    bool      `json:"pass"`
	Passed  int       `json:"passed"`
	Failed  int       `json:"failed"`
	Checks  []Result  `json:"checks"`
	Elapsed float64   `json:"elapsed_seconds"`
}

// NewUnitReport sums up the checks of one unit.
func NewUnitReport(d *model.Device, origin string, at time.Time, elapsed time.Duration, checks []Result) UnitReport {
	if checks == nil {
		checks = []Result{}
	}
	failed := Failed(checks)
	return UnitReport{VIDPID: d.Identity.VIDPID(), Name: d.Identity.Name(), Serial: d.Identity.Serial,
		Origin: origin, Time: at.UTC(), Pass: failed == 0, Passed: len(checks) - failed, Failed: failed,
		Checks: checks, Elapsed: elapsed.Seconds()}
}

// Title is how a unit is named in headings and JUnit suites:
// "46f4:0002 QEMU USB Audio, serial ****0-1, at 1-1".
func (u *UnitReport) Title() string {
	s := u.VIDPID
	if u.Name != "" {
		s += " " + u.Name
	}
	if u.Serial != "" {
		s += ", serial " + u.Serial
	}
	if u.Origin != "" {
		s += ", at " + u.Origin
	}
	return s
}

// Report is the machine report of a check run: every unit checked.
type Report struct {
	Schema  string       `json:"schema"`
	Profile string       `json:"profile"`
	Pass    bool         `json:"pass"`
	Units   []UnitReport `json:"units"`
}

// NewReport gathers unit reports; the run passes when every unit did and
// there was at least one.
func NewReport(profile string, units []UnitReport) *Report {
	r := &Report{Schema: ReportSchema, Profile: profile, Pass: len(units) > 0, Units: units}
	if r.Units == nil {
		r.Units = []UnitReport{}
	}
	for _, u := range units {
		if !u.Pass {
			r.Pass = false
		}
	}
	return r
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// JUnit XML as Jenkins, GitLab and GitHub test reporters read it: one
// <testsuite> per unit, one <testcase> per check, a <failure> whose
// message names the difference, and the unit's serial as a property.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// junitClass is the classname of every testcase: CI tools group by it.
const junitClass = "usbaudio.check"

func junitSeconds(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) }

// WriteJUnit writes the report as JUnit XML.
func (r *Report) WriteJUnit(w io.Writer) error {
	doc := junitSuites{Name: "usbaudio check " + r.Profile}
	for _, u := range r.Units {
		s := junitSuite{Name: u.Title(), Tests: len(u.Checks), Failures: u.Failed,
			Time:      junitSeconds(time.Duration(u.Elapsed * float64(time.Second))),
			Timestamp: u.Time.Format("2006-01-02T15:04:05Z"),
			Properties: []junitProperty{{"vid_pid", u.VIDPID}, {"name", u.Name}, {"serial", u.Serial},
				{"origin", u.Origin}, {"profile", r.Profile}}}
		for _, c := range u.Checks {
			tc := junitCase{Name: c.Name, ClassName: junitClass, Time: junitSeconds(c.Latency)}
			if c.Pass {
				tc.SystemOut = c.Message()
			} else {
				tc.Failure = &junitFailure{Message: c.Message(), Type: "mismatch",
					Text: fmt.Sprintf("expected: %s\nactual:   %s\n", c.Expected, c.Actual)}
			}
			s.Cases = append(s.Cases, tc)
		}
		doc.Suites = append(doc.Suites, s)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
