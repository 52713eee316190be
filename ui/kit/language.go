package kit

import (
	"os"

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
