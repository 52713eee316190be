package transfer

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"tiscdesk/data/store"
)

func TestLargeImportIsBackedUp(t *testing.T) {
	s := openTemp(t)
	var csv strings.Builder
	csv.WriteString("name,english name,type,province\n")
	for i := range store.LargeWrite {
		fmt.Fprintf(&csv, "图书馆%d,Library %d,library,Shanghai\n", i, i)
	}
	if _, err := ImportInstitutions(context.Background(), s, "big.csv", strings.NewReader(csv.String()), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	list, _ := store.ListBackups(s.Path())
	if len(list) != 1 || list[0].Reason != "import" {
		t.Fatalf("backups after importing %d rows: %+v, want one import backup", store.LargeWrite, list)
	}
	sound, err := store.LatestSoundBackup(s.Path())
	if err != nil || sound.Path != list[0].Path {
		t.Fatalf("the latest sound backup is %+v (%v), want %s", sound, err, list[0].Path)
	}
	if n := sound.Counts.Institutions; n != store.LargeWrite {
		t.Fatalf("the import backup holds %d institutions, want %d", n, store.LargeWrite)
	}
}
