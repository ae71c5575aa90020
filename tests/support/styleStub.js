/** CSS imports do nothing in component tests (jsdom has no layout). */
module.exports = {}
