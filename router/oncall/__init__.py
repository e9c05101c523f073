"""Who is on call and how clinicians change it: windows, cover requests, iCal, coverage."""
