// state script
