from .launch import command

command()
