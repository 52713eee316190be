package model

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
)

// ImportText is a sentence of an import's report in parts: Message, in
// plain English, is also the key of its translation (the window's lang
// files), with {{.Name}} placeholders that Args fill; Value, when set, is the
// cell the sentence is about, written quoted in front of it.
type ImportText struct {
	Value   string
	Message string
	Args    map[string]any
}

// Because is the reason message about value, with args for its
// placeholders. Message must be a string literal: the translations test
// finds every one by its call to Because.
func Because(value, message string, args ...map[string]any) ImportText {
	t := ImportText{Value: value, Message: message}
	if len(args) > 0 {
		t.Args = args[0]
	}
	return t
}

// String is the text in English: `"wang@" is not a valid email address`.
// An argument that is a list of texts reads as them all, joined by "; ".
func (t ImportText) String() string { return t.Render(English, "; ") }

// Render is the text with its message, and those of the texts it lists,
// put into words by say (String: English; the window: its translations);
// sep joins listed texts. The value, when there is one, comes first,
// quoted.
func (t ImportText) Render(say func(message string, args map[string]any) string, sep string) string {
	args, cloned := t.Args, false
	for k, v := range t.Args {
		if list, ok := v.([]ImportText); ok {
			parts := make([]string, len(list))
			for i, item := range list {
				parts[i] = item.Render(say, sep)
			}
			if !cloned {
				args, cloned = maps.Clone(t.Args), true // t's own map stays as it is
			}
			args[k] = strings.Join(parts, sep)
		}
	}
	msg := say(t.Message, args)
	if t.Value == "" {
		return msg
	}
	return strconv.Quote(t.Value) + " " + msg
}

// English fills message's {{.Name}} placeholders from args.
func English(message string, args map[string]any) string {
	for k, v := range args {
		message = strings.ReplaceAll(message, "{{."+k+"}}", fmt.Sprint(v))
	}
	return message
}
