package data

// Reading and writing spreadsheets lives in data/tabular
// (docs/architecture.md); these names keep the rest of data and its callers
// compiling while they move to tabular directly.

import "tiscdesk/data/tabular"

type (
	CSVFile     = tabular.CSVFile
	CSVOptions  = tabular.CSVOptions
	CSVRecord   = tabular.CSVRecord
	CSVWriter   = tabular.CSVWriter
	ColumnMap   = tabular.ColumnMap
	Encoding    = tabular.Encoding
	FieldSpec   = tabular.FieldSpec
	HeaderError = tabular.HeaderError
)

const (
	EncodingAuto    = tabular.EncodingAuto
	EncodingGB18030 = tabular.EncodingGB18030
	EncodingUTF16   = tabular.EncodingUTF16
	EncodingUTF16BE = tabular.EncodingUTF16BE
	EncodingUTF16LE = tabular.EncodingUTF16LE
	EncodingUTF8    = tabular.EncodingUTF8
	MaxCSVSize      = tabular.MaxCSVSize
)

var (
	ErrNoHeader     = tabular.ErrNoHeader
	DecodeText      = tabular.DecodeText
	DelimiterName   = tabular.DelimiterName
	EncodingForFile = tabular.EncodingForFile
	IsWorkbookName  = tabular.IsWorkbookName
	FindHeader      = tabular.FindHeader
	MatchHeader     = tabular.MatchHeader
	NewCSVWriter    = tabular.NewCSVWriter
	ParseDelimiter  = tabular.ParseDelimiter
	ParseEncoding   = tabular.ParseEncoding
	ParseLooseDate  = tabular.ParseLooseDate
	ReadCSV         = tabular.ReadCSV
	SplitList       = tabular.SplitList
	UnquoteFormula  = tabular.UnquoteFormula
)

// The workbook reading and writing of data/tabular.
const EncodingXLSX = tabular.EncodingXLSX

var (
	ErrNotWorkbook = tabular.ErrNotWorkbook
	IsWorkbook     = tabular.IsWorkbook
	ReadTable      = tabular.ReadTable
)
