/* The languages the page can be shown in: the code of each file in this folder, the default first. */
export default ["en", "es"];
