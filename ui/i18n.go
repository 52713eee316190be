package ui

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"tiscdesk/assets"
	"tiscdesk/data"
)

// Languages the interface offers. "" follows the system locale.
const (
	langSystem  = ""
	langEnglish = "en"
	langChinese = "zh"
)

// applyLanguage loads the translations with code as the preferred language
// ("" = the system's). Fyne's lang package picks its language from the
// environment (through go-locale), so a choice made in Settings is put there
// before the translations are (re)loaded.
func applyLanguage(code string) {
	switch code {
	case langEnglish:
		os.Setenv("LANGUAGE", "en_GB")
	case langChinese:
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

// Display names of the domain's enumerations. English words repeat across
// them with different Chinese ("Withdrawn" is 已退出 for an enrolment, 退学
// for a student), so each is translated under its own key, "stage.visited",
// with data's English name as the fallback. A test checks that every key's
// Chinese translation equals data's Chinese name.
func stageName(s data.Stage) string { return lang.X("stage."+string(s), s.NameEN()) }

func regionName(r data.Region) string { return lang.X("region."+string(r), r.NameEN()) }

// provinceName is the province of code in the interface's language.
func provinceName(code string) string {
	p, ok := data.ProvinceByCode(code)
	if !ok {
		return code
	}
	if interfaceIsChinese() {
		return p.ShortZH
	}
	return p.NameEN
}

// interfaceIsChinese: each translation file names its language.
func interfaceIsChinese() bool { return lang.X("language.code", "en") == "zh" }

func typeName(t data.InstitutionType) string {
	return lang.X("institution_type."+string(t), t.NameEN())
}

func serviceName(v data.Service) string { return lang.X("service."+string(v), v.NameEN()) }

func visitKindName(k data.VisitKind) string { return lang.X("visit_kind."+string(k), k.NameEN()) }

func recommendationName(r data.Recommendation) string {
	return lang.X("recommendation."+string(r), r.NameEN())
}

func criterionName(c data.Criterion) string { return lang.X("criterion."+string(c), c.NameEN()) }
