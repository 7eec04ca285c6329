// Elements and text for the page. Everything that comes from the server or the user reaches the DOM as text
// (textContent, text nodes), never as markup: no innerHTML anywhere.

export const $ = (id) => document.getElementById(id);

/** Builds an element; children are nodes or strings (strings become text nodes, never markup). */
export function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (name === 'class') node.className = value;
        else if (name === 'text') node.textContent = value;
        else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
        if (child === undefined || child === null || child === false) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
}

export function showMessage(id, text, kind) {
    const node = $(id);
    node.textContent = text;
    node.dataset.kind = kind;
    node.className = `message ${kind}`;
    node.hidden = !text;
}

export function abbreviate(token) {
    if (!token) return '';
    return token.length > 28 ? `${token.slice(0, 14)}…${token.slice(-10)}` : token;
}

function pad2(n) {
    return String(n).padStart(2, '0');
}

/** 75 -> "1 min 15 s", 3725 -> "1 h 02 min 05 s", 90000 -> "1 d 1 h" */
export function duration(seconds) {
    const s = Math.floor(Math.abs(seconds));
    const d = Math.floor(s / 86400);
    const h = Math.floor((s % 86400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    const rest = s % 60;
    if (d > 0) return `${d} d ${h} h`;
    if (h > 0) return `${h} h ${pad2(m)} min ${pad2(rest)} s`;
    if (m > 0) return `${m} min ${pad2(rest)} s`;
    return `${rest} s`;
}

export function localTime(epochSeconds) {
    const date = new Date(epochSeconds * 1000);
    return Number.isNaN(date.getTime()) ? String(epochSeconds) : date.toLocaleString();
}
