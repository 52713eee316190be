package tabular

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
	"tiscdesk/data/model"
	"tiscdesk/data/tabular/tabulartest"

	"golang.org/x/text/encoding/unicode"
)

func readCSVString(t *testing.T, raw []byte, opt CSVOptions) *CSVFile {
	t.Helper()
	f, err := ReadCSV(bytes.NewReader(raw), opt)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// fields lists the records' cells, for comparison.
func fields(f *CSVFile) [][]string {
	var out [][]string
	for _, r := range f.Records {
		out = append(out, r.Fields)
	}
	return out
}

func TestReadCSVEncodings(t *testing.T) {
	const text = "机构名称,省份\r\n北京大学,北京\r\n\"Café, Ltd\",广东\r\n"
	want := [][]string{{"机构名称", "省份"}, {"北京大学", "北京"}, {"Café, Ltd", "广东"}}
	tab := strings.ReplaceAll(strings.ReplaceAll(text, ",省", "\t省"), ",北京\r", "\t北京\r")
	tab = strings.ReplaceAll(tab, "\",广东", "\"\t广东")
	for _, tc := range []struct {
		name  string
		raw   []byte
		opt   CSVOptions
		enc   Encoding
		delim rune
	}{
		{"utf-8", []byte(text), CSVOptions{}, EncodingUTF8, ','},
		{"utf-8 with BOM", append(bytes.Clone(bomUTF8), text...), CSVOptions{}, EncodingUTF8, ','},
		{"gb18030", tabulartest.GB18030(t, text), CSVOptions{}, EncodingGB18030, ','},
		{"utf-16le BOM tab", tabulartest.UTF16(t, tab, unicode.LittleEndian, true), CSVOptions{}, EncodingUTF16LE, '\t'},
		{"utf-16be BOM tab", tabulartest.UTF16(t, tab, unicode.BigEndian, true), CSVOptions{}, EncodingUTF16BE, '\t'},
		{"utf-16le without BOM", tabulartest.UTF16(t, strings.Repeat("ab,cd\r\n", 3)+tab, unicode.LittleEndian, false), CSVOptions{}, EncodingUTF16LE, 0},
		{"explicit gb18030", tabulartest.GB18030(t, text), CSVOptions{Encoding: EncodingGB18030}, EncodingGB18030, ','},
		{"explicit utf-16 reads the BOM", tabulartest.UTF16(t, tab, unicode.BigEndian, true), CSVOptions{Encoding: EncodingUTF16}, EncodingUTF16BE, '\t'},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := readCSVString(t, tc.raw, tc.opt)
			if f.Encoding != tc.enc {
				t.Errorf("encoding %q, want %q", f.Encoding, tc.enc)
			}
			if tc.delim == 0 {
				return // a mixed file: only the encoding is the point
			}
			if f.Delimiter != tc.delim {
				t.Errorf("delimiter %q, want %q", f.Delimiter, tc.delim)
			}
			if got := fields(f); !reflect.DeepEqual(got, want) {
				t.Errorf("records %q, want %q", got, want)
			}
		})
	}
}

func TestReadCSVExplicitEncodingOverridesDetection(t *testing.T) {
	gb := tabulartest.GB18030(t, "名称\n北京\n")
	// Read as UTF-8 on purpose (the wizard lets the user choose): the bytes
	// are not UTF-8, so they come out as replacement characters, not as a failure.
	f := readCSVString(t, gb, CSVOptions{Encoding: EncodingUTF8})
	if f.Encoding != EncodingUTF8 || !strings.ContainsRune(f.Records[0].Fields[0], '\uFFFD') {
		t.Fatalf("explicit UTF-8 on GB18030 bytes: %s %q", f.Encoding, fields(f))
	}
	if _, err := ReadCSV(strings.NewReader("a"), CSVOptions{Encoding: "latin-9"}); err == nil {
		t.Fatal("an unknown encoding was accepted")
	}
}

func TestReadCSVStrayByteInUTF8(t *testing.T) {
	// A UTF-8 roster with one byte of Latin-1 pasted in stays UTF-8: only
	// that byte is lost, not every Chinese character of the file.
	raw := append([]byte("机构名称,城市\n北京大学,北京\n上海图书馆,上海\n同济大学,上海\nCaf"), 0xE9, '\n')
	f := readCSVString(t, raw, CSVOptions{})
	if f.Encoding != EncodingUTF8 || f.Records[1].Fields[0] != "北京大学" || f.Records[4].Fields[0] != "Caf\uFFFD" {
		t.Fatalf("read as %s: %q", f.Encoding, fields(f))
	}
	// GB18030 with a little UTF-8-looking noise is still GB18030.
	gb := tabulartest.GB18030(t, strings.Repeat("北京大学,北京\n", 20))
	if f := readCSVString(t, append(gb, "é\n"...), CSVOptions{}); f.Encoding != EncodingGB18030 || f.Records[0].Fields[0] != "北京大学" {
		t.Fatalf("read as %s: %q", f.Encoding, fields(f)[0])
	}
}

func TestReadCSVDelimiters(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		opt        CSVOptions
		delim      rune
		want       [][]string
	}{
		{"semicolon with commas in cells", "机构名称;地址\n北京大学;海淀区, 颐和园路5号\n", CSVOptions{}, ';',
			[][]string{{"机构名称", "地址"}, {"北京大学", "海淀区, 颐和园路5号"}}},
		{"tab", "a\tb\tc\n1\t2,5\t3\n", CSVOptions{}, '\t', [][]string{{"a", "b", "c"}, {"1", "2,5", "3"}}},
		{"comma, a semicolon in a quoted cell", "a,b\n\"x;y\",z\n", CSVOptions{}, ',', [][]string{{"a", "b"}, {"x;y", "z"}}},
		{"one column", "name\nx\n", CSVOptions{}, ',', [][]string{{"name"}, {"x"}}},
		{"explicit semicolon", "a,b;c\n1,2;3\n", CSVOptions{Delimiter: ';'}, ';', [][]string{{"a,b", "c"}, {"1,2", "3"}}},
		{"consistent beats many", "a;b,c,d\n1;2\n3;4\n", CSVOptions{}, ';', [][]string{{"a", "b,c,d"}, {"1", "2"}, {"3", "4"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := readCSVString(t, []byte(tc.text), tc.opt)
			if f.Delimiter != tc.delim {
				t.Errorf("delimiter %q, want %q", f.Delimiter, tc.delim)
			}
			if got := fields(f); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("records %q, want %q", got, tc.want)
			}
		})
	}
	if _, err := ReadCSV(strings.NewReader("a"), CSVOptions{Delimiter: '"'}); err == nil {
		t.Error("a quote was accepted as the delimiter")
	}
}

func TestReadCSVQuotesAndLines(t *testing.T) {
	type rec struct {
		line, end int
		fields    []string
		unclosed  bool
	}
	for _, tc := range []struct {
		name, text string
		want       []rec
	}{
		{"embedded delimiter, quote and newline; later lines stay right",
			"a,b\r\n\"x, y\",\"he said \"\"hi\"\"\r\nand left\"\r\nc,d\r\n",
			[]rec{{1, 1, []string{"a", "b"}, false}, {2, 3, []string{"x, y", "he said \"hi\"\nand left"}, false}, {4, 4, []string{"c", "d"}, false}}},
		{"blank lines and empty rows are skipped but counted",
			"a,b\n\n,,\n  ,\t\n1,2\n",
			[]rec{{1, 1, []string{"a", "b"}, false}, {5, 5, []string{"1", "2"}, false}}},
		{"CR line ends (old Mac Excel)", "a,b\r1,\"x\ry\"\r2,3",
			[]rec{{1, 1, []string{"a", "b"}, false}, {2, 3, []string{"1", "x\ny"}, false}, {4, 4, []string{"2", "3"}, false}}},
		{"a quote inside an unquoted cell is a character", "a,b\n5\" disk,北京\"星火\"\n",
			[]rec{{1, 1, []string{"a", "b"}, false}, {2, 2, []string{"5\" disk", "北京\"星火\""}, false}}},
		{"text after the closing quote is kept, as Excel does", "a,b\n\"ab\"c,d\n",
			[]rec{{1, 1, []string{"a", "b"}, false}, {2, 2, []string{"abc", "d"}, false}}},
		{"an unclosed quote takes the rest of the file", "a,b\n1,\"open\n2,3\n",
			[]rec{{1, 1, []string{"a", "b"}, false}, {2, 3, []string{"1", "open\n2,3\n"}, true}}},
		{"no final line break; trailing delimiter", "a,b\n1,", []rec{{1, 1, []string{"a", "b"}, false}, {2, 2, []string{"1", ""}, false}}},
		{"an empty quoted cell", "a,b\n\"\",x\n", []rec{{1, 1, []string{"a", "b"}, false}, {2, 2, []string{"", "x"}, false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := readCSVString(t, []byte(tc.text), CSVOptions{Delimiter: ','})
			var got []rec
			for _, r := range f.Records {
				got = append(got, rec{r.Line, r.EndLine, r.Fields, r.Unclosed})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestReadCSVTooLarge(t *testing.T) {
	_, err := ReadCSV(io.LimitReader(zeros{}, MaxCSVSize+10), CSVOptions{})
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Fatalf("a file over MaxCSVSize: %v", err)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestParseEncodingAndDelimiter(t *testing.T) {
	for in, want := range map[string]Encoding{
		"": EncodingAuto, "UTF-8": EncodingUTF8, "utf8": EncodingUTF8, "GBK": EncodingGB18030,
		"gb2312": EncodingGB18030, "GB18030": EncodingGB18030, "utf-16": EncodingUTF16, "UTF-16LE": EncodingUTF16LE,
	} {
		if got, err := ParseEncoding(in); err != nil || got != want {
			t.Errorf("ParseEncoding(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseEncoding("ebcdic"); err == nil {
		t.Error("ParseEncoding accepted ebcdic")
	}
	for in, want := range map[string]rune{"": 0, ",": ',', "semicolon": ';', "tab": '\t', `\t`: '\t'} {
		if got, err := ParseDelimiter(in); err != nil || got != want {
			t.Errorf("ParseDelimiter(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestParseLooseDate(t *testing.T) {
	for in, want := range map[string]model.Date{
		"2018-05-01": "2018-05-01", "2018-5-1": "2018-05-01", "2018/5/1": "2018-05-01", "2018.05.01": "2018-05-01",
		"2018年5月1日": "2018-05-01", "2018/5/1 0:00": "2018-05-01", "2018-05-01T10:00:00Z": "2018-05-01",
	} {
		if got, ok := ParseLooseDate(in); !ok || got != want {
			t.Errorf("ParseLooseDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "1/5/2018", "2018-02-30", "18-5-1", "2018-5", "yesterday", "2018-05-01-02"} {
		if got, ok := ParseLooseDate(in); ok {
			t.Errorf("ParseLooseDate(%q) = %q, want a refusal", in, got)
		}
	}
}

func TestSplitList(t *testing.T) {
	got := SplitList("Search training; On-demand searches (novelty, state of the art)、技术转移，委托检索（新颖性、现有技术）/ x ;; ")
	want := []string{"Search training", "On-demand searches (novelty, state of the art)", "技术转移", "委托检索（新颖性、现有技术）", "x"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitList: %q\nwant %q", got, want)
	}
}

func TestCSVWriterRoundTrip(t *testing.T) {
	rows := [][]string{
		{"名称", "Notes"},
		{"北京大学", "line one\nline two"},
		{"a, \"quoted\" b", "+86 10 6275 1234"},
		{"=HYPERLINK(\"http://x\")", "-5"},
		{"'kept apostrophe", "@sum"},
	}
	for _, enc := range []Encoding{EncodingUTF8, EncodingGB18030} {
		t.Run(string(enc), func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewCSVWriter(&buf, enc)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if err := w.Write(r...); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			raw := buf.Bytes()
			if hasBOM := bytes.HasPrefix(raw, bomUTF8); hasBOM != (enc == EncodingUTF8) {
				t.Errorf("BOM present: %v", hasBOM)
			}
			if !bytes.Contains(raw, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(raw, []byte("\r\n"), nil), []byte("\n")) {
				t.Error("line ends are not all CRLF")
			}
			if bytes.Contains(raw, []byte(",=HYPERLINK")) || bytes.HasPrefix(bytes.SplitN(raw, []byte("\r\n"), 4)[3], []byte("=")) {
				t.Error("a formula was written as a formula")
			}
			f := readCSVString(t, raw, CSVOptions{})
			if f.Encoding != enc {
				t.Errorf("read back as %s", f.Encoding)
			}
			for i, r := range f.Records {
				for j, cell := range r.Fields {
					if got := UnquoteFormula(cell); got != rows[i][j] {
						t.Errorf("row %d cell %d: %q, want %q", i, j, got, rows[i][j])
					}
				}
			}
		})
	}
	if _, err := NewCSVWriter(io.Discard, EncodingUTF16LE); err == nil {
		t.Error("a UTF-16 writer was made")
	}
}
