// checklist behaviour: see issue 4
