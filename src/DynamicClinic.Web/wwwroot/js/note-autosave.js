// The note page saves the draft in the background every so often while the clinician types, so a closed tab or a
// flat battery loses at most a few seconds. Without this script the form still works: Save draft and Sign note
// both save what was typed.
(() => {
    "use strict";
    const form = document.querySelector("form[data-autosave]");
    if (!form || !window.fetch || !window.FormData) {
        return;
    }

    const status = form.querySelector(".note-autosave");
    const version = form.querySelector("input[name='Version']");
    const seconds = Number(form.dataset.autosaveSeconds) || 10;
    let dirty = false;
    let saving = null;

    const changed = () => { dirty = true; };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", (event) => {
        // A background save in flight changes the draft's version: submit once it is back, with the new version.
        if (saving) {
            event.preventDefault();
            const submitter = event.submitter;
            saving.then(() => form.requestSubmit(submitter));
            return;
        }

        dirty = false;
    });

    function save() {
        if (!dirty || saving) {
            return;
        }

        dirty = false;
        saving = send().finally(() => { saving = null; });
    }

    async function send() {
        const data = new FormData(form);
        // A background save never signs.
        data.delete("Confirm");
        try {
            const response = await fetch(form.dataset.autosave, {
                method: "POST",
                body: data,
                credentials: "same-origin",
                headers: { "Accept": "application/json" },
            });
            const result = await response.json().catch(() => ({}));
            // A refused token answers with the "form expired" page, not JSON: that is not a save.
            if (response.ok && result.version) {
                version.value = result.version;
                status.textContent = "Draft saved " + result.savedAt;
            } else {
                status.textContent = result.message || "The draft was not saved automatically: press Save draft.";
            }
        } catch {
            dirty = true;
            status.textContent = "Not saved yet: the connection was lost. It will be tried again.";
        }
    }

    window.setInterval(save, seconds * 1000);
})();
