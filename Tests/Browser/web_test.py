"""The web app in a real browser: Debian's chromium through chromium-driver (WebDriver), against `allot serve` on
loopback with the demo's data, and axe-core (from the axe-playwright-python wheel) checking WCAG 2.2 A and AA on every
page visited. Run by `make browser-test` (and so by `make test` and .ci/run); ALLOT_BIN names the binary."""

import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ALLOT = os.environ.get("ALLOT_BIN", os.path.join(ROOT, ".build", "debug", "allot"))
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_source():
    import axe_playwright_python
    path = os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")
    with open(path, encoding="utf-8") as f:
        return f.read()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebApp:
    """`allot demo` into a new data folder, then `allot serve` on a free loopback port."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="allot-browser-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, ALLOT_PUBLIC_URL=self.base, ALLOT_DATA_DIR=os.path.join(self.folder, "data"))
        demo = subprocess.run([ALLOT, "demo", "--data-dir", self.env["ALLOT_DATA_DIR"], "--samples", "100", "--responses", "600"],
                              env=self.env, capture_output=True, text=True, timeout=900)
        if demo.returncode != 0:
            raise RuntimeError(f"allot demo failed:\n{demo.stdout}\n{demo.stderr}")
        links = re.findall(re.escape(self.base) + r"/sign-in/[A-Za-z0-9_-]+", demo.stdout)
        if not links:
            raise RuntimeError(f"allot demo printed no sign-in link:\n{demo.stdout}")
        self.demo_link = links[-1]
        # Every credential the tests are handed or see, so the daemon's log can be searched for them at the end.
        self.secrets = [self.demo_link.rsplit("/", 1)[-1]] + re.findall(r"allot_[A-Za-z0-9_-]{16,}", demo.stdout)
        self.log = open(os.path.join(self.folder, "serve.log"), "w")
        self.server = subprocess.Popen([ALLOT, "serve", "--data-dir", self.env["ALLOT_DATA_DIR"], "--listen", f"127.0.0.1:{self.port}"],
                                       env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.time() > deadline or self.server.poll() is not None:
                raise RuntimeError("allot serve did not start")
            time.sleep(0.3)

    def token(self, role, name, reviewer=None, link=False):
        args = [ALLOT, "token", "create", "--role", role, "--name", name, "--data-dir", self.env["ALLOT_DATA_DIR"]]
        if reviewer:
            args += ["--reviewer", reviewer]
        if link:
            args.append("--link")
        out = subprocess.run(args, env=self.env, capture_output=True, text=True, check=True).stdout.split()
        self.secrets += [out[0], out[-1].rsplit("/", 1)[-1]] if link else [out[0]]
        return out[-1] if link else out[0]

    def api(self, method, path, token, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as r:
            return json.loads(r.read() or b"null")

    def stop(self):
        """Stops the daemon; returns the credentials that appear in its log (there must be none)."""
        self.server.terminate()
        try:
            self.server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.server.kill()
        self.log.close()
        with open(os.path.join(self.folder, "serve.log")) as f:
            log = f.read()
        leaked = [secret for secret in self.secrets if secret and secret in log]
        shutil.rmtree(self.folder, ignore_errors=True)
        return leaked, len(log)


def browser(script=True):
    """Chromium through its WebDriver; with script=False, JavaScript is off (every page must work without it)."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900", "--disable-gpu"]:
        options.add_argument(arg)
    if not script:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(2)
    return driver


class WebAppTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.app = WebApp()
        cls.axe = axe_source()
        cls.checked = {}
        cls.drivers = []

    @classmethod
    def tearDownClass(cls):
        for driver in cls.drivers:
            for cookie in driver:
                cls.app.secrets.append(cookie)
        leaked, size = cls.app.stop()
        if size == 0:
            raise AssertionError("the daemon's log is empty: nothing was checked for credentials")
        if leaked:
            raise AssertionError(f"credentials in the daemon's log: {len(leaked)} (tokens, sign-in codes or session cookies)")

    def setUp(self):
        self.driver = browser()

    def tearDown(self):
        # The session cookies this browser was given, to search the log for at the end.
        self.drivers.append([c["value"] for c in self.driver.get_cookies() if c["name"].startswith("allot_")])
        self.driver.quit()

    def screenshot(self, name):
        """With ALLOT_SCREENSHOTS=DIR, the whole page as DIR/name (the README's pictures come from here)."""
        folder = os.environ.get("ALLOT_SCREENSHOTS")
        if not folder:
            return
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(1366, min(max(height, 900), 2400))
        self.driver.save_screenshot(os.path.join(folder, name))
        self.driver.set_window_size(1366, 900)

    def go(self, element, keys=None):
        """Clicks (or sends `keys` to) an element that leaves the page, and waits for the next page to replace it,
        so nothing is read from the page being left."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        if keys is None:
            element.click()
        else:
            element.send_keys(keys)
        self.wait_until_left(old)

    def wait_until_left(self, old):
        """Waits until `old` (the html element of the page being left) is gone and the next page has loaded.
        Chromium's driver reports a node of a page being torn down either as stale or as an inspector error
        ("Node with given id does not belong to the document"); both mean the page has gone."""
        def left(_):
            try:
                old.is_enabled()
                return False
            except WebDriverException:
                return True
        WebDriverWait(self.driver, 30).until(left)
        WebDriverWait(self.driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def press(self, *keys):
        """Keys go to whatever has the focus, as a keyboard's do."""
        ActionChains(self.driver).send_keys(*keys).perform()

    def focused(self, attribute):
        """An attribute of the focused element, read afresh each time (never held)."""
        return self.driver.execute_script("return document.activeElement && document.activeElement.getAttribute(arguments[0])", attribute)

    def submit_focused(self, button, banner):
        """The focus is on the button labelled `button`; Enter submits its form, and the next page's banner says `banner`."""
        d = self.driver
        self.assertEqual(d.execute_script("return document.activeElement.textContent"), button)
        old = d.find_element(By.TAG_NAME, "html")
        self.press(Keys.ENTER)
        self.wait_until_left(old)
        self.assertIn(banner, d.find_element(By.CSS_SELECTOR, ".banner").text)

    def check_accessibility(self, name):
        """axe-core on the page as it stands: no WCAG 2.2 A or AA violation."""
        self.driver.execute_script(self.axe)
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(r => done(JSON.stringify(r.violations)))"
            ".catch(e => done(JSON.stringify([{id: 'axe-error', help: String(e), nodes: []}])));", WCAG)
        violations = json.loads(result)
        self.checked[name] = len(violations)
        described = [f"{v['id']}: {v['help']} ({len(v['nodes'])} places, e.g. {v['nodes'][0]['html'] if v['nodes'] else ''})" for v in violations]
        self.assertEqual(described, [], f"axe found WCAG violations on {name}")

    def sign_in_with_link(self, link):
        d = self.driver
        d.get(link)
        self.assertIn("Sign in to Allot", d.title)
        if "/sign-in/{code}" not in self.checked:
            self.check_accessibility("/sign-in/{code}")
        self.go(d.find_element(By.CSS_SELECTOR, "main button[type=submit]"))

    def test_a_panel_member_signs_in_with_a_link_filters_opens_a_proposal_and_records_a_decision(self):
        d = self.driver
        self.sign_in_with_link(self.app.demo_link)
        self.assertTrue(d.current_url.endswith("/rounds"), d.current_url)
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, "Rounds")
        self.check_accessibility("/rounds")
        self.go(d.find_element(By.CSS_SELECTOR, "main table tbody th a"))
        self.assertEqual(len(d.find_elements(By.TAG_NAME, "main")), 1)
        self.check_accessibility("/rounds/{round}")
        self.screenshot("round-page.png")
        everything = len(d.find_elements(By.CSS_SELECTOR, "tr[data-proposal]"))
        Select(d.find_element(By.ID, "show")).select_by_value("near-line")
        self.go(d.find_element(By.CSS_SELECTOR, "form.filters button"))
        near = d.find_elements(By.CSS_SELECTOR, "tr[data-proposal]")
        self.assertTrue(near, "the demo round has proposals near the line (the robustness sampling finds them)")
        self.assertLess(len(near), everything)
        for row in near:
            self.assertIn("near the line", row.text)
        self.assertIn(f"of {everything} proposals", d.find_element(By.ID, "count").text)
        proposal = near[0].get_attribute("data-proposal")
        Select(d.find_element(By.ID, "show")).select_by_value("all")
        self.go(d.find_element(By.CSS_SELECTOR, "form.filters button"))
        self.go(d.find_element(By.CSS_SELECTOR, f"tr[data-proposal='{proposal}'] th a"))
        self.check_accessibility("/rounds/{round}/proposals/{proposal}")
        self.screenshot("proposal-page.png")
        d.find_element(By.ID, "decision-decline").click()
        reason = d.find_element(By.ID, "reason")
        reason.clear()
        reason.send_keys("The panel prefers a project nearer the schools it serves")
        self.go(d.find_element(By.CSS_SELECTOR, "form[action*='/proposals/'] button[type=submit]"))
        self.assertIn("Decision recorded", d.find_element(By.CSS_SELECTOR, ".banner").text)
        self.assertIn("The panel prefers a project", d.find_element(By.TAG_NAME, "main").text)
        self.go(d.find_elements(By.CSS_SELECTOR, ".crumbs a")[-1])
        decided = d.find_element(By.CSS_SELECTOR, f"tr[data-proposal='{proposal}']")
        self.assertIn("Decline", decided.text)

    def without_script(self):
        """This test's browser, restarted with JavaScript off."""
        self.driver.quit()
        self.driver = browser(script=False)
        return self.driver

    def test_a_what_if_budget_cut_moves_named_proposals_out_of_the_funded_set_on_screen(self):
        d = self.without_script()
        self.sign_in_with_link(self.app.token("admin", "What-if chair", link=True))
        self.go(d.find_element(By.CSS_SELECTOR, "main table tbody th a"))
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, ".sort-button"), [], "the page's script did not run")
        funded = {r.get_attribute("data-proposal") for r in d.find_elements(By.CSS_SELECTOR, "tr[data-proposal]")
                  if "funded in full" in r.text or "partly funded" in r.text}
        self.go(d.find_element(By.PARTIAL_LINK_TEXT, "What if?"))
        budget = d.find_element(By.ID, "budget")
        half = int(float(budget.get_attribute("value")) / 2)
        budget.clear()
        budget.send_keys(str(half))
        self.go(d.find_element(By.XPATH, "//button[text()='Preview']"))
        self.assertIn("What changes", d.find_element(By.ID, "preview").text)
        leaving = d.find_elements(By.CSS_SELECTOR, "#leaving tr[data-proposal]")
        self.assertTrue(leaving, "halving the budget moves someone out")
        for row in leaving:
            self.assertIn(row.get_attribute("data-proposal"), funded)
            self.assertTrue(row.find_element(By.CSS_SELECTOR, "th a").text.strip(), "named by title")
        # axe is injected by script, so the page's accessibility is checked in the script-on twin below.

    def test_a_what_if_with_script_follows_the_budget_without_pressing_preview(self):
        d = self.driver
        self.sign_in_with_link(self.app.token("admin", "Live what-if chair", link=True))
        self.go(d.find_element(By.CSS_SELECTOR, "main table tbody th a"))
        funded = {r.get_attribute("data-proposal") for r in d.find_elements(By.CSS_SELECTOR, "tr[data-proposal]")
                  if "funded in full" in r.text or "partly funded" in r.text}
        self.go(d.find_element(By.PARTIAL_LINK_TEXT, "What if?"))
        self.check_accessibility("/rounds/{round}/what-if")
        page = d.find_element(By.TAG_NAME, "html")
        budget = d.find_element(By.ID, "budget")
        half = int(float(budget.get_attribute("value")) / 2)
        budget.send_keys(Keys.CONTROL, "a")
        budget.send_keys(str(half))
        WebDriverWait(d, 30).until(lambda _: d.find_elements(By.CSS_SELECTOR, "#leaving tr[data-proposal]"))
        self.assertTrue(page.is_enabled(), "the preview came without leaving the page")
        for row in d.find_elements(By.CSS_SELECTOR, "#leaving tr[data-proposal]"):
            self.assertIn(row.get_attribute("data-proposal"), funded)
        self.assertIn(f"budget={half}", d.current_url, "the address follows the preview, so it can be linked")
        leaving = len(d.find_elements(By.CSS_SELECTOR, "#leaving tr[data-proposal]"))
        self.assertIn(f" and {leaving} leave the funded set.", d.find_element(By.CSS_SELECTOR, "[data-live-status]").text)
        self.check_accessibility("/rounds/{round}/what-if with a preview")
        self.screenshot("what-if.png")
        budget.send_keys(Keys.CONTROL, "a")
        budget.send_keys("lots")
        WebDriverWait(d, 30).until(lambda _: "Not previewed yet" in d.find_element(By.CSS_SELECTOR, "[data-live-status]").text)
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "#leaving tr[data-proposal]"), "the last good preview stays")
        self.check_accessibility("/rounds/{round}/what-if with a preview kept while a field is wrong")

    def test_the_need_map_shows_32_councils_named_in_full_with_its_table(self):
        d = self.driver
        self.sign_in_with_link(self.app.token("analyst", "Map analyst", link=True))
        self.go(d.find_element(By.LINK_TEXT, "Need map"))
        tiles = d.find_elements(By.CSS_SELECTOR, "svg.council-map g.tile")
        self.assertEqual(len(tiles), 32)
        self.assertIn("Na h-Eileanan Siar", d.find_element(By.CSS_SELECTOR, "svg.council-map").text.replace("\n", " "))
        self.assertEqual(len(d.find_elements(By.CSS_SELECTOR, "main table tbody tr:not(.group-row)")), 32)
        self.check_accessibility("/needs")
        Select(d.find_element(By.ID, "group")).select_by_value("asn")
        self.go(d.find_element(By.CSS_SELECTOR, "form.filters button"))
        self.assertIn("Additional support needs", d.find_element(By.TAG_NAME, "main").text)
        self.check_accessibility("/needs?group=asn")
        self.screenshot("need-map.png")
        d.get(self.app.base + "/needs?survey=practitioner-1999")
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, "Survey not found")
        self.assertIn("No survey called \u201cpractitioner-1999\u201d is loaded", d.find_element(By.TAG_NAME, "main").text)
        self.check_accessibility("a problem page (/needs with a survey not loaded)")

    def test_an_analyst_reads_the_surveys_and_an_upload_error_is_named_on_the_form(self):
        d = self.driver
        self.sign_in_with_link(self.app.token("admin", "Survey administrator", link=True))
        self.go(d.find_element(By.LINK_TEXT, "Surveys"))
        self.assertGreaterEqual(len(d.find_elements(By.CSS_SELECTOR, "main table tbody tr")), 3)
        self.check_accessibility("/surveys")
        options = [o.get_attribute("value") for o in d.find_elements(By.CSS_SELECTOR, "#survey option") if o.get_attribute("value")]
        self.assertTrue(options, "the demo's open surveys can take an upload")
        bad = os.path.join(self.app.folder, "bad-survey.csv")
        with open(bad, "w") as f:
            f.write("this is not,a survey file\n1,2\n")
        Select(d.find_element(By.ID, "survey")).select_by_value(options[0])
        d.find_element(By.ID, "file").send_keys(bad)
        self.go(d.find_element(By.XPATH, "//button[text()='Upload']"))
        summary = d.find_element(By.CSS_SELECTOR, ".error-summary")
        self.assertIn("Nothing was stored: bad-survey.csv", summary.text)
        self.check_accessibility("/surveys with an upload error")
        self.go(d.find_element(By.CSS_SELECTOR, "main table tbody th a"))
        self.assertTrue(d.find_elements(By.CSS_SELECTOR, "svg.share-bar"))
        self.check_accessibility("/surveys/{survey}")
        self.go(d.find_element(By.LINK_TEXT, "Administration"))
        d.find_element(By.ID, "name").send_keys("A reviewer to be")
        d.find_element(By.ID, "role-reviewer").click()
        self.go(d.find_element(By.XPATH, "//button[text()='Make token']"))
        self.assertIn("A reviewer token needs the reviewer", d.find_element(By.CSS_SELECTOR, ".error-summary").text)
        self.check_accessibility("/admin with an error")

    def test_the_decision_form_works_by_keyboard_alone(self):
        d = self.driver
        self.sign_in_with_link(self.app.token("admin", "Keyboard chair", link=True))
        self.go(d.find_element(By.CSS_SELECTOR, "main table tbody th a"))
        href = d.find_elements(By.CSS_SELECTOR, "tr[data-proposal] th a")[-1].get_attribute("href")
        d.get(href)
        WebDriverWait(d, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")

        press, focused = self.press, self.focused
        for _ in range(200):
            if focused("name") == "decision":
                break
            press(Keys.TAB)
        self.assertEqual(focused("name"), "decision", "the decision radios are reachable by Tab")
        press(Keys.ARROW_DOWN if focused("value") == "fund" else Keys.SPACE)
        if focused("value") != "decline":
            press(Keys.ARROW_DOWN)
        self.assertEqual(focused("value"), "decline")
        press(Keys.TAB)  # amount
        press(Keys.TAB)  # reason
        self.assertEqual(focused("id"), "reason")
        press("Declined by keyboard")
        press(Keys.TAB)
        self.submit_focused("Record decision", banner="Decision recorded")

    def test_a_reviewer_sees_only_their_assignments_submits_scores_and_gets_404_for_a_conflicted_proposal(self):
        admin = self.app.token("admin", "Round administrator")
        round_id = self.app.api("GET", "/v1/rounds", admin)[0]["id"]
        for rid in ["rev-browser-a", "rev-browser-b"]:
            self.app.api("POST", "/v1/reviewers", admin, {"id": rid, "name": f"Reviewer {rid}"})
        assigned = self.app.api("POST", f"/v1/rounds/{round_id}/assignments", admin, {"reviews_per_proposal": 1})["assignments"]
        mine = sorted(a["proposal"] for a in assigned if a["reviewer"] == "rev-browser-a")
        proposals = {p["id"]: p for p in self.app.api("GET", f"/v1/rounds/{round_id}/proposals", admin)}
        conflicted = mine[0]
        self.app.api("POST", f"/v1/rounds/{round_id}/conflicts", admin, [{"reviewer": "rev-browser-a", "applicant": proposals[conflicted]["applicant"]}])
        visible = sorted(p for p in mine if proposals[p]["applicant"] != proposals[conflicted]["applicant"])
        d = self.driver
        self.sign_in_with_link(self.app.token("reviewer", "Reviewer A", reviewer="rev-browser-a", link=True))
        self.assertTrue(d.current_url.endswith("/reviews"), d.current_url)
        self.assertEqual([a.text for a in d.find_elements(By.CSS_SELECTOR, "nav[aria-label=Main] a")], ["Your reviews"])
        listed = sorted(a.get_attribute("href").rsplit("/", 1)[1] for a in d.find_elements(By.CSS_SELECTOR, "main table a"))
        self.assertEqual(listed, visible)
        self.check_accessibility("/reviews")
        self.go(d.find_element(By.CSS_SELECTOR, "main table a"))
        self.check_accessibility("/reviews/{round}/{proposal}")
        for score in d.find_elements(By.CSS_SELECTOR, "input[data-score]"):
            score.clear()
            score.send_keys("4")
        scores = len(d.find_elements(By.CSS_SELECTOR, "input[data-score]"))
        self.assertGreaterEqual(scores, 2, "the demo's panel scores several criteria, so the form has a running total")
        self.assertIn(f"Total: {4 * scores} of {5 * scores}", d.find_element(By.CSS_SELECTOR, "[data-total]").text)
        d.find_element(By.ID, "comment").send_keys("A clear plan")
        self.go(d.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
        self.assertIn("Scores submitted", d.find_element(By.CSS_SELECTOR, ".banner").text)
        self.assertIn("Submitted", d.find_element(By.CSS_SELECTOR, "main table").text)
        reviews = self.app.api("GET", f"/v1/rounds/{round_id}/reviews", admin)
        self.assertTrue(any(r["reviewer"] == "rev-browser-a" and r["score"] == 4 for r in reviews))
        d.get(f"{self.app.base}/reviews/{round_id}/{conflicted}")
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, "Page not found")
        d.get(f"{self.app.base}/rounds/{round_id}")
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, "Page not found")

        # The scoring form by keyboard alone, on another of the reviewer's proposals: Tab to each score, type it,
        # Tab to "Submit scores", Enter.
        self.assertGreaterEqual(len(visible), 2)
        d.get(f"{self.app.base}/reviews/{round_id}/{visible[1]}")
        WebDriverWait(d, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
        press, focused = self.press, self.focused

        for _ in range(200):
            if focused("data-score") is not None:
                break
            press(Keys.TAB)
        typed = 0
        while focused("data-score") is not None:
            press(Keys.CONTROL, "a")
            press("3")
            typed += 1
            press(Keys.TAB)
        self.assertEqual(typed, scores, "every score field is reached by Tab, in order")
        self.assertEqual(focused("id"), "comment")
        press("Scored by keyboard")
        press(Keys.TAB)
        self.submit_focused("Submit scores", banner="Scores submitted")
        reviews = self.app.api("GET", f"/v1/rounds/{round_id}/reviews", admin)
        self.assertTrue(any(r["reviewer"] == "rev-browser-a" and r["proposal"] == visible[1] and r["score"] == 3 for r in reviews))

    def test_an_error_summary_names_the_field_and_the_pages_pass_axe(self):
        d = self.driver
        d.get(self.app.base + "/sign-in")
        self.check_accessibility("/sign-in")
        self.go(d.find_element(By.CSS_SELECTOR, "main button[type=submit]"))
        summary = d.find_element(By.CSS_SELECTOR, ".error-summary")
        self.assertIn("Enter your sign-in token", summary.text)
        self.assertEqual(d.switch_to.active_element.get_attribute("class"), "error-summary", "the summary takes the focus")
        self.check_accessibility("/sign-in with an error")
        d.find_element(By.ID, "token").send_keys(self.app.token("analyst", "Analyst in the browser"))
        self.go(d.find_element(By.CSS_SELECTOR, "main button[type=submit]"))
        self.assertTrue(d.current_url.endswith("/rounds"))
        d.get(self.app.base + "/no-such-page")
        self.assertEqual(d.find_element(By.TAG_NAME, "h1").text, "Page not found")
        self.check_accessibility("404")
        d.get(self.app.base + "/rounds")
        self.go(d.find_element(By.CSS_SELECTOR, "main table tbody th a"))
        self.go(d.find_element(By.CSS_SELECTOR, "main p.muted a"))
        self.assertIn("Run", d.find_element(By.TAG_NAME, "h1").text)
        self.check_accessibility("/rounds/{round}/runs/{run}")

    def test_the_round_settings_change_shows_in_its_history_and_the_activity_log(self):
        """Runs last (tests run by name): it changes the demo round's stored settings."""
        d = self.driver
        self.sign_in_with_link(self.app.token("admin", "Settings chair", link=True))
        self.go(d.find_element(By.CSS_SELECTOR, "main table tbody th a"))
        self.go(d.find_element(By.PARTIAL_LINK_TEXT, "Change the round's settings"))
        self.check_accessibility("/rounds/{round}/settings")
        budget = d.find_element(By.ID, "budget")
        lower = int(float(budget.get_attribute("value").replace(",", "")) - 10000)
        budget.clear()
        budget.send_keys(str(lower))
        deadline = d.find_element(By.ID, "review-deadline")
        deadline.clear()
        deadline.send_keys("not a date")
        self.go(d.find_element(By.XPATH, "//button[text()='Save settings']"))
        self.assertIn("Enter the review deadline as a date", d.find_element(By.CSS_SELECTOR, ".error-summary").text)
        self.check_accessibility("/rounds/{round}/settings with an error")
        deadline = d.find_element(By.ID, "review-deadline")
        deadline.clear()
        deadline.send_keys("2027-01-15")
        self.go(d.find_element(By.XPATH, "//button[text()='Save settings']"))
        self.assertIn("settings are saved", d.find_element(By.CSS_SELECTOR, ".banner").text)
        self.go(d.find_element(By.LINK_TEXT, "round's history"))
        self.assertIn("changed budget, review deadline", d.find_element(By.ID, "activity").text)
        self.check_accessibility("/rounds/{round}/history")
        d.get(self.app.base + "/admin/activity")
        Select(d.find_element(By.ID, "action")).select_by_value("round.settings_changed")
        self.go(d.find_element(By.XPATH, "//button[text()='Filter']"))
        rows = d.find_elements(By.CSS_SELECTOR, "#activity tbody tr")
        self.assertEqual(len(rows), 1)
        self.assertIn("Settings chair", rows[0].text)
        self.check_accessibility("/admin/activity")
        d.get(self.app.base + "/admin/webhooks")
        self.check_accessibility("/admin/webhooks")
        d.get(self.app.base + "/rounds")
        self.go(d.find_element(By.CSS_SELECTOR, "main table tbody th a"))
        self.go(d.find_element(By.CSS_SELECTOR, "tr[data-proposal] th a"))
        self.go(d.find_element(By.LINK_TEXT, "Withdraw this proposal"))
        self.check_accessibility("/rounds/{round}/proposals/{proposal}/withdraw")


if __name__ == "__main__":
    unittest.main(verbosity=2)
