package kit

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"tiscdesk/assets"
)

// Languages the interface offers. "" follows the system locale.
const (
	LangSystem  = ""
	LangEnglish = "en"
	LangChinese = "zh"
)

// ApplyLanguage loads the translations with code as the preferred language
// ("" = the system's). Fyne's lang package picks its language from the
// environment (through go-locale), so a choice made in Settings is put there
// before the translations are (re)loaded.
func ApplyLanguage(code string) {
	switch code {
	case LangEnglish:
		os.Setenv("LANGUAGE", "en_GB")
	case LangChinese:
		os.Setenv("LANGUAGE", "zh_CN")
	default:
		if systemLanguage != nil {
			os.Setenv("LANGUAGE", *systemLanguage)
		} else {
			os.Unsetenv("LANGUAGE")
		}
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		fyne.LogError("load translations", err)
	}
	if err := addEnglishEllipses(); err != nil {
		fyne.LogError("load translations", err)
	}
}

// EnglishPunctuation turns the punctuation the embedded CJK font draws the
// Chinese way into what English text expects: "…" (centred dots) into
// three full stops, and curly double quotes (drawn full-width, with a wide
// gap) into straight ones.
var EnglishPunctuation = strings.NewReplacer("…", "...", "“", `"`, "”", `"`)

// addEnglishEllipses gives every key with an ellipsis ("Import…") or curly
// quotes an English translation in EnglishPunctuation ("Import..."): the
// embedded CJK font draws them as Chinese text has them, which reads wrongly
// in an English label. Chinese keeps them, drawn as Chinese expects.
func addEnglishEllipses() error {
	files, err := fs.Glob(assets.Translations, "translations/*.zh_Hans.json")
	if err != nil {
		return err
	}
	english := map[string]string{}
	for _, name := range files {
		raw, err := assets.Translations.ReadFile(name)
		if err != nil {
			return err
		}
		m := map[string]string{}
		if err := json.Unmarshal(raw, &m); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		for key := range m {
			if plain := EnglishPunctuation.Replace(key); plain != key {
				english[key] = plain
			}
		}
	}
	raw, err := json.Marshal(english)
	if err != nil {
		return err
	}
	return lang.AddTranslationsForLocale(raw, "en")
}

// systemLanguage is $LANGUAGE as the program found it, restored when the user
// goes back to the system's language.
var systemLanguage = func() *string {
	if v, ok := os.LookupEnv("LANGUAGE"); ok {
		return &v
	}
	return nil
}()

// InterfaceIsChinese says whether the interface is in Chinese: each
// translation file names its language.
func InterfaceIsChinese() bool { return lang.X("language.code", "en") == "zh" }

// InterfaceLanguage is "zh" in the Chinese interface, else "en", as data's
// country names and lists take it.
func InterfaceLanguage() string {
	if InterfaceIsChinese() {
		return LangChinese
	}
	return LangEnglish
}
