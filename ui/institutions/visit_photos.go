package institutions

import (
	"context"
	"errors"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/data/photo"
	"tiscdesk/data/store"
	"tiscdesk/ui/kit"
)

// photoStrip is the visit form's photos: thumbnails with their captions,
// each of which opens the viewer and can move or go; photos come from the
// file chooser or dropped on the window. Photos are stored (by the hash of
// their bytes) as soon as they are added; the visit names them when saved.
type photoStrip struct {
	f      *visitForm
	photos []data.Photo
	thumbs map[string][]byte // by hash; absent: not loaded, or not on this computer
	tiles  *fyne.Container
	note   *widget.Label // what went wrong with the last files added
	count  *widget.Label

	captions map[string]*kit.FormEntry // by hash, kept across redraws
	viewer   *photoViewer              // the last one opened
	loadAt   kit.Loader[map[string][]byte]
	attachAt kit.Loader[attachResult]
}

// attachResult is what adding files gave: the photos stored, with their
// thumbnails, and a sentence for each file refused.
type attachResult struct {
	added   []data.Photo
	thumbs  map[string][]byte
	refused []string
}

// Size of a tile's picture.
const thumbW, thumbH = 180, 135

func (f *visitForm) buildPhotos() fyne.CanvasObject {
	s := &photoStrip{f: f, photos: append([]data.Photo(nil), f.orig.Photos...), thumbs: map[string][]byte{},
		captions: map[string]*kit.FormEntry{}}
	f.photos = s
	s.tiles = container.NewGridWrap(fyne.NewSize(thumbW, thumbH+110))
	s.note = widget.NewLabel("")
	s.note.Importance = widget.DangerImportance
	s.note.Wrapping = fyne.TextWrapWord
	s.note.Hide()
	s.count = kit.QuietLabel("")
	add := &widget.Button{Text: lang.L("Add photos…"), Icon: theme.ContentAddIcon(), OnTapped: s.choose}
	hint := kit.QuietLabel(lang.L("JPEG or PNG; or drop photo files on this window. They are stored at most 1,600 pixels wide."))
	hint.Wrapping = fyne.TextWrapWord
	s.redraw()
	s.loadThumbs()
	head := container.NewBorder(nil, nil, container.NewHBox(sectionTitle(lang.L("Photos")), container.NewCenter(s.count)), add)
	return container.NewVBox(head, hint, s.note, s.tiles)
}

// loadThumbs reads the thumbnails of the photos not yet shown, off the UI
// goroutine.
func (s *photoStrip) loadThumbs() {
	var want []string
	for _, p := range s.photos {
		if _, ok := s.thumbs[p.Hash]; !ok {
			want = append(want, p.Hash)
		}
	}
	if len(want) == 0 {
		return
	}
	st := s.f.host.Store()
	s.loadAt.Load(s.f.host.Window(), func(context.Context, func(int, int)) (map[string][]byte, error) {
		out := map[string][]byte{}
		err := st.View(func(tx *store.Tx) error {
			for _, h := range want {
				out[h] = tx.PhotoThumb(h) // nil: not on this computer
			}
			return nil
		})
		return out, err
	}, func(got map[string][]byte) {
		for h, b := range got {
			s.thumbs[h] = b
		}
		s.redraw()
	})
}

// choose adds a photo from the file chooser.
func (s *photoStrip) choose() {
	s.f.host.Platform().OpenFile(s.f.host.Window(), []string{".jpg", ".jpeg", ".png", ".JPG", ".JPEG", ".PNG"}, func(rc fyne.URIReadCloser) {
		name := rc.URI().Name()
		s.attach(func() ([]namedFile, error) {
			defer rc.Close()
			raw, err := io.ReadAll(io.LimitReader(rc, int64(photo.DefaultLimits.MaxBytes)+1))
			return []namedFile{{name, raw, err}}, nil
		})
	})
}

// dropped adds the photo files dropped on the window.
func (s *photoStrip) dropped(uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) == 0 {
		return
	}
	s.attach(func() ([]namedFile, error) {
		var files []namedFile
		for _, p := range paths {
			raw, err := readLimited(p)
			files = append(files, namedFile{filepath.Base(p), raw, err})
		}
		return files, nil
	})
}

type namedFile struct {
	name string
	raw  []byte
	err  error
}

func readLimited(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return io.ReadAll(io.LimitReader(fh, int64(photo.DefaultLimits.MaxBytes)+1))
}

// attach reads the files, stores those that are photos and shows them; the
// reading, decoding and storing run off the UI goroutine.
func (s *photoStrip) attach(read func() ([]namedFile, error)) {
	st := s.f.host.Store()
	s.note.SetText(lang.L("Adding photos…"))
	s.note.Importance = widget.LowImportance
	s.note.Show()
	s.attachAt.Load(s.f.host.Window(), func(context.Context, func(int, int)) (attachResult, error) {
		files, err := read()
		if err != nil {
			return attachResult{}, err
		}
		res := attachResult{thumbs: map[string][]byte{}}
		for _, nf := range files {
			if nf.err != nil {
				res.refused = append(res.refused, lang.L("{{.Name}} could not be read.", map[string]any{"Name": nf.name}))
				continue
			}
			p, err := photo.Attach(st.Store, nf.raw)
			if err != nil {
				res.refused = append(res.refused, photoRefusal(nf.name, err))
				continue
			}
			_ = st.View(func(tx *store.Tx) error { res.thumbs[p.Hash] = tx.PhotoThumb(p.Hash); return nil })
			res.added = append(res.added, p)
		}
		return res, nil
	}, s.added)
}

// photoRefusal says why a file is not attached, in the user's language.
func photoRefusal(name string, err error) string {
	args := map[string]any{"Name": name}
	switch {
	case errors.Is(err, photo.ErrNotPhoto):
		return lang.L("{{.Name}} is not a JPEG or PNG photo: nothing was added.", args)
	case errors.Is(err, photo.ErrTooLarge):
		return lang.L("{{.Name}} is too large to be a photo: nothing was added.", args)
	case errors.Is(err, photo.ErrDamaged):
		return lang.L("{{.Name}} is a damaged image file: nothing was added.", args)
	}
	return lang.L("{{.Name}} could not be stored: nothing was added.", args)
}

// added shows what attach gave; a photo's position fills the visit's when
// it has none yet.
func (s *photoStrip) added(r attachResult) {
	s.note.Importance = widget.DangerImportance
	if len(r.refused) > 0 {
		s.note.SetText(strings.Join(r.refused, "\n"))
		s.note.Show()
	} else {
		s.note.Hide()
	}
	for _, p := range r.added {
		if s.index(p.Hash) >= 0 {
			continue // already attached to this visit
		}
		s.photos = append(s.photos, p)
		s.thumbs[p.Hash] = r.thumbs[p.Hash]
		if p.Position != nil && strings.TrimSpace(s.f.position.Text) == "" {
			s.f.position.SetText(p.Position.Input())
			s.f.positionShown.SetText(s.f.positionShown.Text + "   " + lang.L("(from the photo)"))
		}
	}
	s.redraw()
}

func (s *photoStrip) index(hash string) int {
	for i, p := range s.photos {
		if p.Hash == hash {
			return i
		}
	}
	return -1
}

// redraw lays the tiles out again, in the photos' order.
func (s *photoStrip) redraw() {
	s.tiles.Objects = nil
	for i := range s.photos {
		s.tiles.Add(s.tile(i))
	}
	s.tiles.Refresh()
	switch len(s.photos) {
	case 0:
		s.count.SetText(lang.L("none yet"))
	default:
		s.count.SetText(lang.L("{{.N}} attached", map[string]any{"N": len(s.photos)}))
	}
}

// tile is one photo: its thumbnail (tap: the viewer), caption, and the
// buttons that move it or take it away.
func (s *photoStrip) tile(i int) fyne.CanvasObject {
	p := s.photos[i]
	var pic fyne.CanvasObject
	switch thumb, loaded := s.thumbs[p.Hash]; {
	case !loaded:
		pic = container.NewCenter(kit.QuietLabel(lang.L("Loading…")))
	case thumb == nil:
		l := kit.QuietLabel(lang.L("This photo is not on this computer (received without photos)."))
		l.Wrapping = fyne.TextWrapWord
		pic = l
	default:
		img := canvas.NewImageFromResource(fyne.NewStaticResource(p.Hash+".jpg", thumb))
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(thumbW, thumbH))
		pic = container.NewStack(img, newTapArea(func() { s.view(p.Hash) }))
	}
	cap, ok := s.captions[p.Hash]
	if !ok {
		cap = s.f.entry(p.Caption, lang.L("Caption"))
		s.captions[p.Hash] = cap
	}
	left := &widget.Button{Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: func() { s.move(p.Hash, -1) }}
	right := &widget.Button{Icon: theme.NavigateNextIcon(), Importance: widget.LowImportance, OnTapped: func() { s.move(p.Hash, +1) }}
	remove := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { s.remove(p.Hash) }}
	if i == 0 {
		left.Disable()
	}
	if i == len(s.photos)-1 {
		right.Disable()
	}
	return container.NewBorder(nil, container.NewVBox(cap, container.NewHBox(left, right, remove)), nil, nil, pic)
}

func (s *photoStrip) move(hash string, by int) {
	i := s.index(hash)
	j := i + by
	if i < 0 || j < 0 || j >= len(s.photos) {
		return
	}
	s.photos[i], s.photos[j] = s.photos[j], s.photos[i]
	s.redraw()
}

func (s *photoStrip) remove(hash string) {
	if i := s.index(hash); i >= 0 {
		s.photos = append(s.photos[:i], s.photos[i+1:]...)
		delete(s.captions, hash)
		s.redraw()
	}
}

// collect is the photos as the form shows them, in order, with captions.
func (s *photoStrip) collect() []data.Photo {
	out := make([]data.Photo, len(s.photos))
	for i, p := range s.photos {
		if c := s.captions[p.Hash]; c != nil {
			p.Caption = strings.TrimSpace(c.Text)
		}
		out[i] = p
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// view shows a photo at its stored size, with its caption, and the
// previous and next ones.
func (s *photoStrip) view(hash string) {
	v := &photoViewer{s: s, img: canvas.NewImageFromResource(nil), caption: widget.NewLabel("")}
	v.img.FillMode = canvas.ImageFillContain
	v.img.SetMinSize(fyne.NewSize(640, 480))
	v.caption.Wrapping = fyne.TextWrapWord
	prev := &widget.Button{Icon: theme.NavigateBackIcon(), OnTapped: func() { v.step(-1) }}
	next := &widget.Button{Icon: theme.NavigateNextIcon(), OnTapped: func() { v.step(+1) }}
	body := container.NewBorder(nil, container.NewBorder(nil, nil, prev, next, v.caption), nil, nil, v.img)
	v.dlg = dialog.NewCustom(lang.L("Photo"), lang.L("Close"), body, s.f.host.Window())
	v.show(hash)
	v.dlg.Resize(fyne.NewSize(760, 640))
	v.dlg.Show()
	s.viewer = v
}

// photoViewer is the dialog that shows one photo large.
type photoViewer struct {
	s       *photoStrip
	dlg     *dialog.CustomDialog
	img     *canvas.Image
	caption *widget.Label
	hash    string
	load    kit.Loader[[]byte]
}

func (v *photoViewer) step(by int) {
	i := v.s.index(v.hash) + by
	if i >= 0 && i < len(v.s.photos) {
		v.show(v.s.photos[i].Hash)
	}
}

func (v *photoViewer) show(hash string) {
	v.hash = hash
	i := v.s.index(hash)
	p := v.s.photos[i]
	text := lang.L("Photo {{.N}} of {{.All}}", map[string]any{"N": i + 1, "All": len(v.s.photos)})
	if c := v.s.captions[hash]; c != nil && strings.TrimSpace(c.Text) != "" {
		text += ": " + strings.TrimSpace(c.Text)
	}
	if p.TakenAt != nil {
		text += "   · " + lang.L("taken {{.When}}", map[string]any{"When": p.TakenAt.Format("2006-01-02 15:04")})
	}
	if p.Position != nil {
		text += "   · " + p.Position.String()
	}
	v.caption.SetText(text)
	st := v.s.f.host.Store()
	v.load.Load(v.s.f.host.Window(), func(context.Context, func(int, int)) ([]byte, error) {
		var b []byte
		err := st.View(func(tx *store.Tx) error { b = tx.Photo(hash); return nil })
		return b, err
	}, func(b []byte) {
		if b == nil {
			return
		}
		v.img.Resource = fyne.NewStaticResource(hash+".jpg", b)
		v.img.Refresh()
	})
}

// tapArea makes what lies beneath it tappable.
type tapArea struct {
	widget.BaseWidget
	onTap func()
}

func newTapArea(onTap func()) *tapArea {
	t := &tapArea{onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapArea) Tapped(*fyne.PointEvent) { t.onTap() }

func (t *tapArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
