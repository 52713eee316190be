package ui

// watchHeap does nothing on Windows, which has no SIGUSR1 (see heapprofile.go).
func watchHeap() {}
