// Package data is TISC Desk's domain and its store: the entity types
// (institutions, site visits, distance-learning courses, sessions and
// enrolments, joint-degree programmes, cohorts and students) with their
// validation, the reference tables (provinces, the WIPO Academy catalogue),
// and the bbolt database that holds them.
//
// In many Fyne projects a folder called data holds bundled resources; here it
// is the domain and the store, and it never imports Fyne, so everything in it
// is tested and benchmarked headless.
package data
