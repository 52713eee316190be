package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"
)

// Fyne's save dialog opens the chosen file for writing, emptying it, before
// the program gets it: an export that then fails would have lost the file
// it was to replace. deferFileWrites puts a repository in front of Fyne's
// own for file: URIs whose writers open the file only at their first
// write. A writer closed unwritten leaves the file as it was, so that
// ChooseSaveFile can take the location the user chose and write it through
// data.SaveFile, which replaces the file only once the new one is complete.
// Writers that write behave as Fyne's.

// fileRepository is what Fyne's repository of file: URIs does, all of
// which the file dialogs use.
type fileRepository interface {
	repository.Repository
	repository.WritableRepository
	repository.AppendableRepository
	repository.HierarchicalRepository
	repository.ListableRepository
	repository.CopyableRepository
	repository.MovableRepository
	repository.DeleteAllRepository
}

// deferredFiles is Fyne's file repository with deferred writers.
type deferredFiles struct{ fileRepository }

// deferFileWrites puts deferredFiles in front of the file: repository the
// app's driver registered, once per driver. It does nothing when that
// repository lacks one of the abilities above (a platform whose files are
// not Fyne's desktop ones): ChooseSaveFile then still works, with Fyne's
// emptying writer.
func deferFileWrites() {
	current, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := current.(*deferredFiles); done {
		return
	}
	if full, ok := current.(fileRepository); ok {
		repository.Register("file", &deferredFiles{full})
	}
}

// Writer returns a writer that opens u, emptying it, at its first write.
func (r *deferredFiles) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	return &deferredWriter{uri: u, open: r.fileRepository.Writer}, nil
}

// deferredWriter opens its file at the first write; closed unwritten, it
// leaves the file as it was.
type deferredWriter struct {
	uri  fyne.URI
	open func(fyne.URI) (fyne.URIWriteCloser, error)
	w    fyne.URIWriteCloser
}

func (w *deferredWriter) URI() fyne.URI { return w.uri }

func (w *deferredWriter) Write(p []byte) (int, error) {
	if w.w == nil {
		f, err := w.open(w.uri)
		if err != nil {
			return 0, err
		}
		w.w = f
	}
	return w.w.Write(p)
}

func (w *deferredWriter) Close() error {
	if w.w == nil {
		return nil
	}
	return w.w.Close()
}
