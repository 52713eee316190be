package reports

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"tiscdesk/data"
	"tiscdesk/data/photo"
	"tiscdesk/data/photo/phototest"
)

// A visit with 20 photos prints every one of them with its caption, in
// both languages, in a file under 5 MB.
func TestVisitReportPrintsTwentyPhotos(t *testing.T) {
	if _, err := exec.LookPath("pdfimages"); err != nil {
		t.Fatal("pdfimages is not installed (poppler-utils)")
	}
	s := sampleStore(t)
	v := someVisit(t, s, data.VisitAssessment)
	taken := time.Date(2025, 10, 15, 14, 30, 0, 0, time.UTC)
	v.Photos = nil
	for i := 0; i < 20; i++ {
		p, err := photo.Attach(s.Store, phototest.SceneJPEG(1600, 1200-200*(i%3), uint32(i+1), phototest.EXIF{Taken: taken}))
		if err != nil {
			t.Fatal(err)
		}
		p.Caption = "阅览室工作站 workstation " + string(rune('A'+i))
		v.Photos = append(v.Photos, p)
	}
	// One more, named by a bundle that came without its photos.
	v.Photos = append(v.Photos, data.Photo{Hash: strings.Repeat("ab", 32), Caption: "not here"})
	if err := s.Visits.Put(v); err != nil {
		t.Fatal(err)
	}
	for _, l := range langs {
		p := render(t, s, Visit, Options{Lang: l, Visit: v.ID})
		out, err := exec.Command("pdfimages", "-list", p.path).Output()
		if err != nil {
			t.Fatal(err)
		}
		images := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
		jpegs := 0
		for _, line := range images {
			if f := strings.Fields(line); len(f) > 8 && f[2] == "image" && f[8] == "jpeg" {
				jpegs++
			}
		}
		if jpegs != 20 {
			t.Errorf("%s: pdfimages lists %d JPEG images, want 20:\n%s", l, jpegs, out)
		}
		st, _ := os.Stat(p.path)
		t.Logf("%s: %d pages, %.1f MB", l, len(p.pages), float64(st.Size())/(1<<20))
		if st.Size() >= 5<<20 {
			t.Errorf("%s: the report is %d bytes, want under 5 MB", l, st.Size())
		}
		p.has(t, l.in(phPhotos), l.f(phPhotoN, 20)+l.in(phColon)+"阅览室工作站 workstation T", l.f(phTaken, "2025-10-15 14:30"), l.f(phPhotosMissing, 1))
	}
}
