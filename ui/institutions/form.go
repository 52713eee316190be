package institutions

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tiscdesk/data"
	"tiscdesk/ui/kit"
)

// institutionForm edits an institution: its details, contacts and services;
// a new one also gets its first stage. The stage of an existing institution
// changes through the stage form, which keeps the history.
type institutionForm struct {
	host kit.Host
	in   *data.Institution // a copy being edited; no ID for a new one
	// lacked lists the facts the stored institution lacks (Missing): the
	// form lets them stay empty, so that an imported institution can be
	// edited before its type or province is known; a new one needs both.
	lacked []string
	form   *kit.RecordForm
	dlg    *kit.FormDialog

	localName, englishName, city, address, website, batch, notes *kit.FormEntry
	kind                                                         *kit.Choice[data.InstitutionType]
	province                                                     *kit.Choice[string]
	stage                                                        *kit.Choice[data.Stage]
	stageDate                                                    *kit.DateEntry
	level                                                        *kit.Choice[data.ServiceLevel]
	agreementSigned, agreementExpires                            *kit.DateEntry
	services                                                     map[data.Service]*widget.Check
	contacts                                                     *fyne.Container
	contactRows                                                  []*contactRow
}

type contactRow struct {
	name, title, email, phone *kit.FormEntry
	msg                       *fyne.Container // holds the row's message
	box                       fyne.CanvasObject
}

// openInstitutionForm opens the form on in (nil for a new institution);
// saved runs with the saved record.
func openInstitutionForm(host kit.Host, in *data.Institution, saved func(*data.Institution)) *institutionForm {
	f := &institutionForm{host: host, form: kit.NewRecordForm(), services: map[data.Service]*widget.Check{}}
	if in == nil {
		f.in = &data.Institution{Type: data.TypeUniversity, Stage: data.StageCandidate}
	} else {
		c := *in
		c.Contacts = append([]data.Contact(nil), in.Contacts...)
		c.Services = append([]data.Service(nil), in.Services...)
		c.History = append([]data.StageChange(nil), in.History...)
		f.in = &c
		f.lacked = in.Missing()
	}
	title := lang.L("New institution")
	if in != nil {
		title = lang.L("Edit {{.Name}}", map[string]any{"Name": in.DisplayName()})
	}
	body := f.build()
	f.dlg = kit.ShowForm(host, title, body, f, func() {
		if saved != nil {
			saved(f.in)
		}
	})
	host.Window().Canvas().Focus(f.localName)
	return f
}

func (f *institutionForm) escape() { f.dlg.Close() }

func (f *institutionForm) entry(text string) *kit.FormEntry {
	e := kit.NewFormEntry(func() { f.escape() })
	e.SetText(text)
	return e
}

func (f *institutionForm) build() fyne.CanvasObject {
	in := f.in
	f.localName = f.entry(in.LocalName)
	f.localName.SetPlaceHolder("同济大学")
	f.englishName = f.entry(in.EnglishName)
	f.englishName.SetPlaceHolder("Tongji University")
	f.kind = kit.NewChoice(data.InstitutionTypes(), kit.TypeName, "", nil)
	f.kind.Set(in.Type)
	codes := make([]string, 0, 34)
	for _, p := range data.Provinces() {
		codes = append(codes, p.Code)
	}
	f.province = kit.NewChoice(codes, kit.ProvinceName, "", nil)
	f.province.Select.PlaceHolder = lang.L("Choose a province")
	f.province.Set(in.Province)
	f.city = f.entry(in.City)
	f.address = f.entry(in.Address)
	f.website = f.entry(in.Website)
	f.website.SetPlaceHolder("https://")
	f.batch = f.entry(in.Batch)
	f.notes = kit.NewFormTextArea(func() { f.escape() })
	f.notes.SetText(in.Notes)

	fm := f.form
	fm.Add("local_name", kit.FieldName("local_name"), f.localName)
	fm.Add("english_name", kit.FieldName("english_name"), f.englishName)
	fm.Add("type", kit.FieldName("type"), f.kind.Select)
	fm.Add("province", kit.FieldName("province"), f.province.Select)
	fm.Add("city", kit.FieldName("city"), f.city)
	fm.Add("address", kit.FieldName("address"), f.address)
	fm.Add("website", kit.FieldName("website"), f.website)
	if in.ID == data.NilID {
		f.stage = kit.NewChoice(data.Stages(), kit.StageName, "", nil)
		f.stage.Set(in.Stage)
		f.stageDate = kit.NewDateEntry(f.host.Window(), func() { f.escape() })
		f.stageDate.SetDate(f.host.Today())
		fm.Add("stage", kit.FieldName("stage"), f.stage.Select)
		fm.Add("history", lang.L("Since"), f.stageDate)
	}
	fm.Add("batch", kit.FieldName("batch"), f.batch)
	f.addOperations()

	svc := container.NewVBox()
	for _, s := range data.Services() {
		c := widget.NewCheck(kit.ServiceName(s), nil)
		for _, have := range in.Services {
			c.Checked = c.Checked || have == s
		}
		f.services[s] = c
		svc.Add(c)
	}
	fm.Add("services", kit.FieldName("services"), svc)

	f.contacts = container.NewVBox()
	for _, c := range in.Contacts {
		f.addContact(c)
	}
	addContact := &widget.Button{Text: lang.L("Add contact"), Icon: theme.ContentAddIcon(), Importance: widget.LowImportance,
		OnTapped: func() { f.addContact(data.Contact{}) }}
	fm.Add("contacts", kit.FieldName("contacts"), container.NewVBox(f.contacts, container.NewHBox(addContact)))
	fm.Add("notes", kit.FieldName("notes"), f.notes)
	return fm.Content()
}

func (f *institutionForm) addContact(c data.Contact) {
	r := &contactRow{name: f.entry(c.Name), title: f.entry(c.Title), email: f.entry(c.Email), phone: f.entry(c.Phone)}
	r.name.SetPlaceHolder(lang.L("Name"))
	r.title.SetPlaceHolder(lang.L("Title"))
	r.email.SetPlaceHolder(lang.L("Email"))
	r.phone.SetPlaceHolder(lang.L("Phone"))
	var remove *widget.Button
	remove = &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() {
		for i, x := range f.contactRows {
			if x == r {
				f.contactRows = append(f.contactRows[:i], f.contactRows[i+1:]...)
				f.contacts.Remove(r.box)
				f.relabelContacts()
				return
			}
		}
	}}
	fields := container.NewGridWithColumns(4, r.name, r.title, r.email, r.phone)
	r.msg = container.NewStack()
	r.box = container.NewVBox(container.NewBorder(nil, nil, nil, remove, fields), r.msg)
	f.contactRows = append(f.contactRows, r)
	f.contacts.Add(r.box)
	f.relabelContacts()
}

// relabelContacts registers each contact row's message under its index,
// so that the store's "contacts.1.email" shows beneath the second row.
func (f *institutionForm) relabelContacts() {
	f.form.Detach("contacts.")
	for i, r := range f.contactRows {
		r.msg.Objects = []fyne.CanvasObject{f.form.Attach("contacts." + strconv.Itoa(i))}
		r.msg.Refresh()
	}
}

// collect copies the inputs into the record.
func (f *institutionForm) collect() {
	in := f.in
	in.LocalName = strings.TrimSpace(f.localName.Text)
	in.EnglishName = strings.TrimSpace(f.englishName.Text)
	in.Type = f.kind.Value()
	in.Province = f.province.Value()
	in.City = strings.TrimSpace(f.city.Text)
	in.Address = strings.TrimSpace(f.address.Text)
	in.Website = strings.TrimSpace(f.website.Text)
	in.Batch = strings.TrimSpace(f.batch.Text)
	in.Notes = strings.TrimSpace(f.notes.Text)
	f.collectOperations()
	in.Services = nil
	for _, s := range data.Services() {
		if f.services[s].Checked {
			in.Services = append(in.Services, s)
		}
	}
	in.Contacts = nil
	for _, r := range f.contactRows {
		c := data.Contact{Name: strings.TrimSpace(r.name.Text), Title: strings.TrimSpace(r.title.Text),
			Email: strings.TrimSpace(r.email.Text), Phone: strings.TrimSpace(r.phone.Text)}
		if c != (data.Contact{}) {
			in.Contacts = append(in.Contacts, c)
		}
	}
	if in.ID == data.NilID {
		in.History = nil
		in.MoveTo(f.stage.Value(), f.stageDate.Date(), "", f.host.Store().DeviceLabel(), f.host.Store().Now())
	}
}

// save stores the record; on a validation error it shows the messages
// beside the fields and keeps the dialog open.
func (f *institutionForm) Save() bool {
	f.collect()
	var required []data.FieldError
	for _, field := range f.in.Missing() {
		if !slices.Contains(f.lacked, field) {
			required = append(required, data.FieldError{Field: field, Message: "is required"})
		}
	}
	if len(required) > 0 {
		f.form.ShowErrors(&data.ValidationError{Fields: required})
		return false
	}
	saved := *f.in
	err := f.host.Store().Institutions.Put(&saved)
	if err == nil {
		*f.in = saved
		return true
	}
	if !f.form.ShowErrors(err) {
		kit.ShowError(f.host.Window(), err)
	}
	return false
}

// stageForm moves an institution to another stage: the new stage, the date
// and a note go into its history with this device's label.
type stageForm struct {
	host  kit.Host
	in    *data.Institution
	form  *kit.RecordForm
	stage *kit.Choice[data.Stage]
	date  *kit.DateEntry
	note  *kit.FormEntry
	dlg   *kit.FormDialog
}

// openStageForm opens the stage change of in; saved runs after it is saved.
func openStageForm(host kit.Host, in *data.Institution, saved func()) *stageForm {
	f := &stageForm{host: host, in: in, form: kit.NewRecordForm()}
	var others []data.Stage
	for _, s := range data.Stages() {
		if s != in.Stage {
			others = append(others, s)
		}
	}
	f.stage = kit.NewChoice(others, kit.StageName, "", nil)
	if next := nextStage(in.Stage); next != "" {
		f.stage.Set(next)
	}
	f.date = kit.NewDateEntry(host.Window(), func() { f.dlg.Close() })
	f.date.SetDate(host.Today())
	f.note = kit.NewFormTextArea(func() { f.dlg.Close() })
	f.note.SetPlaceHolder(lang.L("e.g. recommended by the provincial IP office"))
	current := container.NewHBox(kit.Chip(kit.StageName(in.Stage), stageColour(in.Stage)))
	f.form.Add("", lang.L("Current stage"), current)
	f.form.Add("stage", lang.L("New stage"), f.stage.Select)
	f.form.Add("history", lang.L("Date"), f.date)
	f.form.Add("note", kit.FieldName("note"), f.note)
	title := lang.L("Change the stage of {{.Name}}", map[string]any{"Name": in.DisplayName()})
	f.dlg = kit.ShowForm(host, title, f.form.Content(), f, saved)
	return f
}

// nextStage is the step after s in the pipeline, "" at its end or for an exit.
func nextStage(s data.Stage) data.Stage {
	p := data.PipelineStages()
	for i := 0; i < len(p)-1; i++ {
		if p[i] == s {
			return p[i+1]
		}
	}
	return ""
}

func (f *stageForm) Save() bool {
	if f.stage.Value() == "" {
		f.form.ShowErrors(&data.ValidationError{Fields: []data.FieldError{{Field: "stage", Message: "is required"}}})
		return false
	}
	moved := *f.in
	moved.History = append([]data.StageChange(nil), f.in.History...)
	moved.MoveTo(f.stage.Value(), f.date.Date(), strings.TrimSpace(f.note.Text), f.host.Store().DeviceLabel(), f.host.Store().Now())
	if err := f.host.Store().Institutions.Put(&moved); err != nil {
		if !f.form.ShowErrors(err) {
			kit.ShowError(f.host.Window(), err)
		}
		return false
	}
	*f.in = moved
	return true
}
